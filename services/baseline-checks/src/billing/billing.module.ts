import { Module } from '@nestjs/common';
import { BaselineQuotaClient } from './baseline-quota.client';
import { BillingEntitlementsClient } from './billing-entitlements.client';

@Module({ providers: [BillingEntitlementsClient, BaselineQuotaClient], exports: [BillingEntitlementsClient, BaselineQuotaClient] })
export class BillingModule {}
