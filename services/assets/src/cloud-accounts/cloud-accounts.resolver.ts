import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { AddCloudAccountInput } from './add-cloud-account.input';
import { CloudAccountModel, CloudAccountSyncModel } from './cloud-account.model';
import { CloudAccountsService } from './cloud-accounts.service';

@Resolver(() => CloudAccountModel)
export class CloudAccountsResolver {
  constructor(private readonly accounts: CloudAccountsService) {}

  @Mutation(() => CloudAccountModel, { description: 'Stores an AccessKey pair (or a role to assume with it), encrypted; admin only' })
  @Requires('admin')
  addCloudAccount(@CurrentIdentity() identity: Identity, @Args('input') input: AddCloudAccountInput): Promise<CloudAccountModel> {
    return this.accounts.add(identity.tenantId, input);
  }

  @Mutation(() => CloudAccountSyncModel, { description: "Collects the account's inventory live and imports it (replaces that account's assets)" })
  @Requires('scan')
  syncCloudAccount(
    @CurrentIdentity() identity: Identity,
    @Args('id', { type: () => ID }) id: string,
    @Args('writeSnapshot', { type: () => Boolean, defaultValue: false }) writeSnapshot: boolean,
  ): Promise<CloudAccountSyncModel> {
    return this.accounts.sync(identity.tenantId, id, writeSnapshot);
  }

  @Query(() => [CloudAccountModel])
  @Requires('read')
  cloudAccounts(@CurrentIdentity() identity: Identity): Promise<CloudAccountModel[]> {
    return this.accounts.list(identity.tenantId);
  }
}
