import { Field, InputType } from '@nestjs/graphql';

@InputType('CheckItemFilter')
export class CheckItemFilterInput {
  @Field({ nullable: true })
  product?: string;
  @Field({ nullable: true })
  severity?: string;
  @Field({ nullable: true })
  free?: boolean;
  @Field({ nullable: true, description: 'Only items referencing this standard, e.g. CIS_ALIBABA_2_0' })
  standard?: string;
}
