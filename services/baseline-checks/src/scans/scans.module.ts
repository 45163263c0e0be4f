import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module';
import { PoliciesModule } from '../policies/policies.module';
import { BaselineScansResolver } from './baseline-scans.resolver';
import { BaselineScansService } from './baseline-scans.service';
import { BillingEntitlementsClient } from './billing-entitlements.client';

@Module({ imports: [HostsModule, PoliciesModule], providers: [BaselineScansResolver, BaselineScansService, BillingEntitlementsClient] })
export class ScansModule {}
