import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CheckResultsReport')
export class CheckResultsReportModel {
  @Field({ description: 'json | csv | sarif | ocsf' })
  format!: string;
  @Field({ description: 'The report document (JSON text for json, sarif and ocsf)' })
  content!: string;
  @Field(() => Int)
  resultCount!: number;
  @Field(() => Int, { description: 'CI gate: 1 when a FAIL at or above failOn exists, 2 when only an ERROR does, else 0' })
  exitCode!: number;
}
