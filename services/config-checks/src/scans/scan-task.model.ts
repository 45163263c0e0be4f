import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ScanTask')
@Directive('@key(fields: "id")')
export class ScanTaskModel {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'SCAN | VERIFY | FIX' })
  kind!: string;
  @Field({ description: 'QUEUED | RUNNING | COMPLETED | STOPPED_QUOTA_EXHAUSTED | FAILED | CANCELLED' })
  status!: string;
  @Field(() => Int, { description: 'Evaluations planned' })
  total!: number;
  @Field(() => Int, { description: 'Evaluations done' })
  completed!: number;
  @Field(() => Int, { description: 'Evaluations that found a failing configuration' })
  failed!: number;
  @Field(() => Int, { description: 'Quota units charged (paid evaluations)' })
  quotaConsumed!: number;
  @Field(() => Date, { nullable: true })
  startedAt?: Date | null;
  @Field(() => Date, { nullable: true })
  finishedAt?: Date | null;
}
