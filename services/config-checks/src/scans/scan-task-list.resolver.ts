import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { ScanTaskConnectionModel } from './scan-task-connection.model';
import { ScanTaskListService } from './scan-task-list.service';

@Resolver()
export class ScanTaskListResolver {
  constructor(private readonly tasks: ScanTaskListService) {}

  @Query(() => ScanTaskConnectionModel, { description: "The tenant's scan, verify and fix tasks of configuration checks, newest first" })
  @Requires('read')
  scanTasks(
    @CurrentIdentity() identity: Identity,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ScanTaskConnectionModel> {
    return this.tasks.list(identity.tenantId, first, after);
  }
}
