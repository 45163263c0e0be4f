import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';

@ObjectType('BaselinePolicy')
export class BaselinePolicyModel {
  @Field(() => ID)
  id!: string;
  @Field()
  name!: string;
  @Field(() => [ID])
  checkItemIds!: string[];
  @Field(() => JSONScalar, { description: 'Resolved parameter values per item: `{ "<item id>": { "<param>": value } }`' })
  params!: Record<string, Record<string, unknown>>;
  @Field()
  createdAt!: Date;
}
