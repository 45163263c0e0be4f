import { Module } from '@nestjs/common';
import { BillingAccountResolver } from './billing-account.resolver';
import { BILLING_ACCOUNTS } from './billing-accounts.token';
import { provisionalBillingAccounts } from './provisional-billing-accounts';

@Module({ providers: [BillingAccountResolver, { provide: BILLING_ACCOUNTS, useValue: provisionalBillingAccounts }] })
export class BillingAccountModule {}
