import { Args, ID, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentIdentity, Requires, type Identity } from '@rampart/platform';
import { HostModel } from './host.model';
import { toHostModel } from './host.row';
import { HostsService } from './hosts.service';
import { ReportHostFactsInput } from './report-host-facts.input';

@Resolver(() => HostModel)
export class HostsResolver {
  constructor(private readonly service: HostsService) {}

  @Mutation(() => HostModel, { description: 'The agent reports a host\'s facts (`rampart agent report`); upserts the host by hostname' })
  @Requires('scan')
  async reportHostFacts(@CurrentIdentity() identity: Identity, @Args('input') input: ReportHostFactsInput): Promise<HostModel> {
    return toHostModel(await this.service.report(identity.tenantId, input));
  }

  @Query(() => [HostModel], { description: 'Hosts that reported facts, by hostname' })
  @Requires('read')
  async hosts(@CurrentIdentity() identity: Identity): Promise<HostModel[]> {
    return (await this.service.list(identity.tenantId)).map(toHostModel);
  }

  @Query(() => HostModel, { nullable: true })
  @Requires('read')
  async host(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<HostModel | null> {
    const [row] = await this.service.byIds(identity.tenantId, [id]);
    return row ? toHostModel(row) : null;
  }

  @ResolveReference()
  @Requires('read')
  async resolveReference(@Parent() reference: { id: string }, @CurrentIdentity() identity: Identity): Promise<HostModel | null> {
    const [row] = await this.service.byIds(identity.tenantId, [reference.id]);
    return row ? toHostModel(row) : null;
  }
}
