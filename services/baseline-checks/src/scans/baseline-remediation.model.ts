import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';

@ObjectType('BaselineRemediation')
export class BaselineRemediationModel {
  @Field(() => ID)
  taskId!: string;
  @Field(() => ID)
  resultId!: string;
  @Field(() => ID)
  hostId!: string;
  @Field(() => ID)
  checkItemId!: string;
  @Field(() => JSONScalar, { description: 'The rampart-remediation/v1 script: save it and run `rampart agent fix --script FILE`' })
  script!: unknown;
  @Field(() => JSONScalar, { description: 'The structured steps the agent executes (no shell)' })
  steps!: unknown;
  @Field({ description: 'The same steps rendered as a shell script, for review' })
  shellScript!: string;
}
