import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { HostsResolver } from './hosts.resolver';
import { HostsService } from './hosts.service';

@Module({ imports: [BillingModule], providers: [HostsResolver, HostsService], exports: [HostsService] })
export class HostsModule {}
