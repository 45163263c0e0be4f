import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The assets service's Asset, referenced by id: the ECS instance a host runs on. */
@ObjectType('Asset')
@Directive('@key(fields: "id", resolvable: false)')
export class AssetReference {
  @Field(() => ID)
  id!: string;
}
