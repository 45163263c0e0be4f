import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AssetReference } from './asset-reference.model';

@ObjectType('ChokePoint')
export class ChokePointModel {
  @Field(() => AssetReference, { nullable: true, description: 'Null for derived nodes (e.g. an access key)' })
  asset!: AssetReference | null;
  @Field(() => ID)
  nodeId!: string;
  @Field()
  kind!: string;
  @Field(() => Int, { description: 'Paths every route of which crosses this node: fixing it breaks them all' })
  pathsBroken!: number;
}
