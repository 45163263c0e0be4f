import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class BaselineCheckItemFilter {
  @Field(() => String, { nullable: true, description: 'CIS_DEBIAN_12 | MLPS_2_0_L3 | WEAK_PASSWORD' })
  standard?: string | null;
  @Field(() => String, { nullable: true })
  category?: string | null;
}
