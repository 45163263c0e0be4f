import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class AssetFilter {
  @Field(() => String, { nullable: true })
  product?: string | null;
  @Field(() => String, { nullable: true })
  resourceType?: string | null;
  @Field(() => String, { nullable: true })
  region?: string | null;
  @Field(() => String, { nullable: true })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name or resource id' })
  search?: string | null;
  @Field(() => Boolean, { nullable: true })
  internetExposed?: boolean | null;
}
