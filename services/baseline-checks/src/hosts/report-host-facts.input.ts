import { Field, InputType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';

@InputType()
export class ReportHostFactsInput {
  @Field()
  hostname!: string;
  @Field(() => String, { nullable: true })
  instanceId?: string | null;
  @Field(() => JSONScalar, { description: 'HostFacts as `rampart agent collect` prints them' })
  facts!: unknown;
}
