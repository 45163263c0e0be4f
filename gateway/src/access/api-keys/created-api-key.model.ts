import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('CreatedApiKey', { description: 'A new API key with its secret: the only time the secret is shown.' })
export class CreatedApiKeyModel {
  @Field(() => ID)
  id!: string;
  @Field()
  name!: string;
  @Field(() => [String])
  scopes!: string[];
  @Field({ description: 'The whole key, `rk_<id>_<secret>`; send it as the X-Api-Key header. Not retrievable later.' })
  secret!: string;
  @Field()
  createdAt!: Date;
}
