import { Module } from '@nestjs/common';
import { TENANT_DATABASE, type TenantDatabase } from '@rampart/platform';
import { BillingAccountsService } from '../accounts/billing-accounts.service';
import { EntitlementsService } from '../entitlements/entitlements.service';
import { BillingAccountResolver } from './billing-account.resolver';

@Module({
  providers: [
    BillingAccountResolver,
    { provide: BillingAccountsService, inject: [TENANT_DATABASE], useFactory: (db: TenantDatabase) => new BillingAccountsService(db) },
    { provide: EntitlementsService, inject: [TENANT_DATABASE], useFactory: (db: TenantDatabase) => new EntitlementsService(db) },
  ],
})
export class BillingAccountModule {}
