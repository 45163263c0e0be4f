import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ApiKey', { description: 'A partner API key, without its secret (shown once, at creation).' })
export class ApiKeyModel {
  @Field(() => ID, { description: 'The `<id>` of `rk_<id>_<secret>`' })
  id!: string;
  @Field()
  name!: string;
  @Field(() => [String], { description: 'Permissions the key grants: read, scan, fix, billing, admin' })
  scopes!: string[];
  @Field()
  createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Last successful use, to the minute' })
  lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it stopped working; null while active' })
  revokedAt!: Date | null;
}
