import { Inject, Injectable } from '@nestjs/common';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { EntitlementsRequestSchema, EntitlementsSchema, HEADERS, REQUESTS } from '@rampart/contracts';
import { EditionNotEntitledError, NATS_CONNECTION, PLATFORM_CONFIG, RampartError } from '@rampart/platform';
import type { AttackPathsConfig } from '../config';

const CACHE_MS = 5_000;

/**
 * Asks billing (NATS request/reply `billing.entitlements.get`) whether the tenant's edition includes
 * attack path analysis. No answer is an error, never a grant.
 */
@Injectable()
export class AttackPathsEntitlementService {
  private readonly cache = new Map<string, { entitled: boolean; edition: string; until: number }>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PLATFORM_CONFIG) private readonly config: AttackPathsConfig,
  ) {}

  async require(tenantId: string): Promise<void> {
    const answer = await this.lookup(tenantId);
    if (!answer.entitled) throw new EditionNotEntitledError(`The ${answer.edition || 'current'} edition does not include attack path analysis`);
  }

  private async lookup(tenantId: string): Promise<{ entitled: boolean; edition: string }> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > Date.now()) return cached;
    const h = natsHeaders();
    h.set(HEADERS.tenant, tenantId);
    let reply;
    try {
      const msg = await this.nats.request(REQUESTS.entitlements, toBinary(EntitlementsRequestSchema, create(EntitlementsRequestSchema, { tenantId })), {
        timeout: this.config.entitlementTimeoutMs ?? 2_000,
        headers: h,
      });
      reply = fromBinary(EntitlementsSchema, msg.data);
    } catch {
      throw new RampartError('INTERNAL_SERVER_ERROR', 'Could not check the edition: billing did not answer');
    }
    if (reply.errorCode) throw new RampartError('INTERNAL_SERVER_ERROR', 'Could not check the edition: billing refused the request');
    const answer = { entitled: reply.attackPaths, edition: reply.edition, until: Date.now() + CACHE_MS };
    this.cache.set(tenantId, answer);
    return answer;
  }
}
