import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { BillingAccountModel } from './billing-account.model';
import { BILLING_ACCOUNTS, type BillingAccountsPort } from './billing-accounts.token';

@Resolver(() => BillingAccountModel)
export class BillingAccountResolver {
  constructor(@Inject(BILLING_ACCOUNTS) private readonly accounts: BillingAccountsPort) {}

  @Query(() => BillingAccountModel, { description: "The tenant's edition, billing model and quota" })
  @Requires('read')
  billingAccount(@CurrentIdentity() identity: Identity): Promise<BillingAccountModel> {
    return this.accounts.billingAccount(identity.tenantId);
  }
}
