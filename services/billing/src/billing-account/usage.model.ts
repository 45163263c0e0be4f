import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@rampart/platform';

@ObjectType('Usage')
export class UsageModel {
  @Field({ description: 'SCAN | VERIFY | FIX' })
  operation!: string;
  @Field(() => Int)
  units!: number;
  @Field(() => ID)
  checkItemId!: string;
  @Field(() => ID)
  assetId!: string;
  @Field(() => ID)
  taskId!: string;
  @Field()
  at!: Date;
}

@ObjectType('UsageConnection')
export class UsageConnectionModel extends ConnectionType(UsageModel, 'Usage') {}
