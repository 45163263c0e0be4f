import { Field, ID, InputType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';

@InputType()
export class CreateBaselinePolicyInput {
  @Field()
  name!: string;
  @Field(() => [ID])
  checkItemIds!: string[];
  @Field(() => JSONScalar, { nullable: true, description: 'Parameter overrides: `{ "<item id>": { "<param>": value } }`' })
  params?: unknown;
}
