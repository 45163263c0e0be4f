import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { BillingAccountsService } from '../accounts/billing-accounts.service';
import { EntitlementsService } from '../entitlements/entitlements.service';
import { BillingAccountModel } from './billing-account.model';
import { EntitlementsModel } from './entitlements.model';
import { PurchaseSubscriptionInput } from './purchase-subscription.input';
import { UsageConnectionModel } from './usage.model';

@Resolver(() => BillingAccountModel)
export class BillingAccountResolver {
  constructor(
    private readonly accounts: BillingAccountsService,
    private readonly entitlementsService: EntitlementsService,
  ) {}

  @Query(() => BillingAccountModel, { description: "The tenant's edition, billing model and quota (a new tenant reads BASIC / NONE)" })
  @Requires('read')
  billingAccount(@CurrentIdentity() identity: Identity): Promise<BillingAccountModel> {
    return this.accounts.billingAccount(identity.tenantId);
  }

  @Query(() => EntitlementsModel)
  @Requires('read')
  entitlements(@CurrentIdentity() identity: Identity): Promise<EntitlementsModel> {
    return this.entitlementsService.entitlements(identity.tenantId);
  }

  @Query(() => UsageConnectionModel, { description: 'Charged evaluations, newest first' })
  @Requires('read')
  usage(
    @CurrentIdentity() identity: Identity,
    @Args('from', { type: () => Date, nullable: true }) from: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to: Date | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<UsageConnectionModel> {
    return this.accounts.usage(identity.tenantId, { from, to, first, after });
  }

  @Mutation(() => BillingAccountModel)
  @Requires('billing')
  purchaseSubscription(
    @CurrentIdentity() identity: Identity,
    @Args('input', { type: () => PurchaseSubscriptionInput }) input: PurchaseSubscriptionInput,
  ): Promise<BillingAccountModel> {
    return this.accounts.purchaseSubscription(identity.tenantId, input);
  }

  @Mutation(() => BillingAccountModel, { description: 'Refused (CONFLICT) while a subscription runs' })
  @Requires('billing')
  activatePayAsYouGo(@CurrentIdentity() identity: Identity): Promise<BillingAccountModel> {
    return this.accounts.activatePayAsYouGo(identity.tenantId);
  }

  @Mutation(() => BillingAccountModel, { description: 'Ends the subscription or trial; unused quota is forfeited' })
  @Requires('billing')
  unsubscribe(@CurrentIdentity() identity: Identity): Promise<BillingAccountModel> {
    return this.accounts.unsubscribe(identity.tenantId);
  }

  @Mutation(() => BillingAccountModel, { description: 'The 7-day Enterprise trial, once per tenant' })
  @Requires('billing')
  startTrial(@CurrentIdentity() identity: Identity): Promise<BillingAccountModel> {
    return this.accounts.startTrial(identity.tenantId);
  }
}
