import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { BaselineTaskClient } from './baseline-task.client';
import { ScanTaskModel } from './scan-task.model';
import { ScansService } from './scans.service';
import { StartScanInput } from './start-scan.input';

@Resolver(() => ScanTaskModel)
export class ScansResolver {
  constructor(
    private readonly scans: ScansService,
    private readonly baselineTasks: BaselineTaskClient,
  ) {}

  @Mutation(() => ScanTaskModel, { description: 'Scans assets × check items in quota-reserved batches (kind SCAN)' })
  @Requires('scan')
  startScan(@CurrentIdentity() identity: Identity, @Args('input', { type: () => StartScanInput }) input: StartScanInput): Promise<ScanTaskModel> {
    return this.scans.start(identity.tenantId, input);
  }

  @Mutation(() => ScanTaskModel, { description: 'Re-evaluates those results (kind VERIFY)' })
  @Requires('scan')
  verifyCheckResults(@CurrentIdentity() identity: Identity, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<ScanTaskModel> {
    return this.scans.verify(identity.tenantId, ids);
  }

  @Query(() => ScanTaskModel, { nullable: true, description: 'A task of any kind; baseline tasks are read from baseline-checks' })
  @Requires('read')
  async scanTask(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<ScanTaskModel | null> {
    return (await this.scans.find(identity.tenantId, id)) ?? this.baselineTasks.find(identity.tenantId, id);
  }
}
