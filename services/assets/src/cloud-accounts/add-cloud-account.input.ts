import { Field, InputType } from '@nestjs/graphql';

/** An AccessKey pair, or a role to assume with it (`roleArn`): the pair then belongs to the assuming principal. */
@InputType('AddCloudAccountInput')
export class AddCloudAccountInput {
  @Field()
  name!: string;
  @Field(() => String, { nullable: true })
  accountId?: string | null;
  @Field()
  accessKeyId!: string;
  @Field()
  accessKeySecret!: string;
  @Field(() => String, { nullable: true, description: 'acs:ram::<account>:role/<name>: assumed through STS at each sync' })
  roleArn?: string | null;
  @Field(() => String, { nullable: true })
  externalId?: string | null;
}
