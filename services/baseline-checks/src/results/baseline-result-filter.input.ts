import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class BaselineResultFilter {
  @Field(() => [String], { nullable: true, description: 'PASS | FAIL | NOT_APPLICABLE | MANUAL | ERROR' })
  status?: string[] | null;
  @Field(() => ID, { nullable: true })
  hostId?: string | null;
  @Field(() => ID, { nullable: true })
  checkItemId?: string | null;
}
