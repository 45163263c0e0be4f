import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The assets service's Asset, extended here with its check results. */
@ObjectType('Asset')
@Directive('@key(fields: "id")')
export class AssetReference {
  @Field(() => ID)
  id!: string;
}
