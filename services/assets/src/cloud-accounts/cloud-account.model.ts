import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { InventoryImportModel } from '../imports/inventory-import.model';

@ObjectType('CloudAccount', { description: 'A live Alibaba Cloud account; its credentials are stored encrypted and never returned' })
export class CloudAccountModel {
  @Field(() => ID)
  id!: string;
  @Field()
  name!: string;
  @Field(() => String, { nullable: true, description: 'Known once given or after the first sync (STS GetCallerIdentity)' })
  accountId!: string | null;
  @Field({ description: 'ACCESS_KEY or ROLE' })
  kind!: string;
  @Field(() => String, { nullable: true, description: 'Masked, e.g. LTAI****abcd' })
  accessKeyId!: string | null;
  @Field(() => String, { nullable: true })
  roleArn!: string | null;
  @Field()
  createdAt!: Date;
  @Field(() => Date, { nullable: true })
  lastSyncAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'COMPLETED, COMPLETED_WITH_GAPS, or FAILED when no call succeeded' })
  lastSyncStatus!: string | null;
}

@ObjectType('CloudAccountSync')
export class CloudAccountSyncModel {
  @Field(() => CloudAccountModel)
  account!: CloudAccountModel;
  @Field(() => InventoryImportModel, { nullable: true, description: 'null when the account id could not be established (STS refused)' })
  import!: InventoryImportModel | null;
  @Field(() => Int, { description: 'API calls recorded (one per page)' })
  calls!: number;
  @Field(() => Int, { description: 'Calls that recorded an API error' })
  failedCalls!: number;
  @Field(() => String, { nullable: true, description: 'Where the snapshot was written, when writeSnapshot was set' })
  snapshotPath!: string | null;
}
