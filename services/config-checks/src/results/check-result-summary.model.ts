import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CheckResultStatusCount')
export class CheckResultStatusCountModel {
  @Field({ description: 'PASS | FAIL | ERROR | NOT_APPLICABLE | WHITELISTED' })
  status!: string;
  @Field(() => Int)
  count!: number;
}

@ObjectType('CheckResultSeverityCount')
export class CheckResultSeverityCountModel {
  @Field({ description: 'HIGH | MEDIUM | LOW' })
  severity!: string;
  @Field(() => Int, { description: 'Results failing (not whitelisted) of check items of this severity' })
  failing!: number;
}

@ObjectType('CheckResultProductCount')
export class CheckResultProductCountModel {
  @Field({ description: "The check item's product (ECS, OSS, RAM, …)" })
  product!: string;
  @Field(() => Int)
  failing!: number;
  @Field(() => Int, { description: 'Failing results of HIGH check items' })
  high!: number;
}

@ObjectType('CheckResultStandardCount')
export class CheckResultStandardCountModel {
  @Field({ description: 'A standard the failing check items map to (e.g. CIS_ALIBABA_2_0)' })
  standard!: string;
  @Field(() => Int, { description: 'Failing results, each counted once however many controls of the standard map to it' })
  failing!: number;
  @Field(() => Int, { description: 'Failing results of HIGH check items' })
  high!: number;
}

@ObjectType('CheckResultSummary', { description: "The tenant's current results counted (status as read, results of removed assets left out)" })
export class CheckResultSummaryModel {
  @Field(() => Int)
  total!: number;
  @Field(() => [CheckResultStatusCountModel], { description: 'Every status, zeros included' })
  byStatus!: CheckResultStatusCountModel[];
  @Field(() => [CheckResultSeverityCountModel], { description: 'HIGH, MEDIUM and LOW, zeros included' })
  bySeverity!: CheckResultSeverityCountModel[];
  @Field(() => [CheckResultProductCountModel], { description: 'Products with failing results, most first' })
  byProduct!: CheckResultProductCountModel[];
  @Field(() => [CheckResultStandardCountModel], { description: 'Standards with failing results, most first' })
  byStandard!: CheckResultStandardCountModel[];
}
