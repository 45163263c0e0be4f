import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SCAN_TASK_KINDS, SCAN_TASK_STATUSES } from '@rampart/contracts';

const ScanTaskKind = Object.fromEntries(SCAN_TASK_KINDS.map((kind) => [kind, kind]));
const ScanTaskStatus = Object.fromEntries(SCAN_TASK_STATUSES.map((status) => [status, status]));
registerEnumType(ScanTaskKind, { name: 'ScanTaskKind' });
registerEnumType(ScanTaskStatus, { name: 'ScanTaskStatus' });

/**
 * A scan, verify or fix task of any kind. config-checks and baseline-checks each serve the tasks they run, with the
 * same shareable fields; `scanTask(id)` asks baseline-checks for the ids it does not own.
 */
@ObjectType('ScanTask')
@Directive('@key(fields: "id")')
@Directive('@shareable')
export class ScanTaskModel {
  @Field(() => ID)
  id!: string;
  @Field(() => ScanTaskKind)
  kind!: string;
  @Field(() => ScanTaskStatus)
  status!: string;
  @Field(() => Int, { description: 'Evaluations planned' })
  total!: number;
  @Field(() => Int, { description: 'Evaluations done' })
  completed!: number;
  @Field(() => Int, { description: 'Evaluations whose result is FAIL (a risk found); for a fix, 1 when the result still fails afterwards' })
  failed!: number;
  @Field(() => Int, { description: 'Quota units charged' })
  quotaConsumed!: number;
  @Field(() => Date, { nullable: true })
  startedAt?: Date | null;
  @Field(() => Date, { nullable: true })
  finishedAt?: Date | null;
}
