import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { HostsModule } from '../hosts/hosts.module';
import { PoliciesModule } from '../policies/policies.module';
import { BaselineScansResolver } from './baseline-scans.resolver';
import { BaselineScansService } from './baseline-scans.service';
import { BaselineTaskRunner } from './baseline-task.runner';
import { TaskRequestHandler } from './task-request.handler';

@Module({ imports: [HostsModule, PoliciesModule, BillingModule], providers: [BaselineScansResolver, BaselineScansService, BaselineTaskRunner, TaskRequestHandler] })
export class ScansModule {}
