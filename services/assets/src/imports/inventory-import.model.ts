import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';

@ObjectType('InventoryImport')
export class InventoryImportModel {
  @Field(() => ID)
  id!: string;
  @Field()
  accountId!: string;
  @Field({ description: 'COMPLETED, or COMPLETED_WITH_GAPS when some inventory calls recorded API errors' })
  status!: string;
  @Field(() => Int)
  assetsCreated!: number;
  @Field(() => Int)
  assetsUpdated!: number;
  @Field(() => Int)
  assetsRemoved!: number;
  @Field(() => Int)
  assetsUnchanged!: number;
  @Field(() => JSONScalar, { description: 'Calls of actions this importer does not read: [{ index, product, action }]' })
  unknownActions!: unknown;
  @Field(() => JSONScalar, { description: 'Inventory list calls that failed: [{ source, region, error }]' })
  incomplete!: unknown;
  @Field()
  createdAt!: Date;
}
