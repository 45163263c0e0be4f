import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('WhitelistRule')
@Directive('@key(fields: "id")')
export class WhitelistRuleModel {
  @Field(() => ID)
  id!: string;
  @Field(() => ID)
  checkItemId!: string;
  @Field(() => [ID], { nullable: true, description: 'The assets it covers; every asset when null' })
  assetIds?: string[] | null;
  @Field()
  reason!: string;
  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
  @Field()
  createdAt!: Date;
}
