import { Inject, Injectable } from '@nestjs/common';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { NatsConnection } from '@nats-io/transport-node';
import { EntitlementsRequestSchema, EntitlementsSchema, REQUESTS } from '@rampart/contracts';
import { EditionNotEntitledError, NATS_CONNECTION, PLATFORM_CONFIG, RampartError } from '@rampart/platform';
import type { BaselineCheckItem } from '../catalogue/baseline-check-item';
import { baselineItemsForEdition } from '../catalogue/edition-entitlement';
import type { BaselineChecksConfig } from '../config';

export type BaselineOperation = 'DETECT' | 'VERIFY' | 'FIX';

export interface BaselineEntitlement {
  edition: string;
  /** NONE | WEAK_PASSWORD_ONLY | ALL_BUT_CONTAINER | ALL */
  baselineItems: string;
  operations: readonly string[];
  allowedItemIds: ReadonlySet<string>;
  /** Scan, verify and successful fix consume quota (the CSPM service without an edition that includes baseline). */
  metered: boolean;
}

/** Billing's `baseline_items` answer as the catalogue items it covers (seed edition table). */
function itemsOf(baselineItems: string): readonly BaselineCheckItem[] {
  switch (baselineItems) {
    case 'WEAK_PASSWORD_ONLY':
      return baselineItemsForEdition('ADVANCED');
    case 'ALL_BUT_CONTAINER':
      return baselineItemsForEdition('ENTERPRISE');
    case 'ALL':
      return baselineItemsForEdition('ULTIMATE');
    default:
      return [];
  }
}

/** Asks billing what the tenant may run (request/reply `billing.entitlements.get`); no answer is never a grant. */
@Injectable()
export class BillingEntitlementsClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(PLATFORM_CONFIG) private readonly config: BaselineChecksConfig,
  ) {}

  async baseline(tenantId: string): Promise<BaselineEntitlement> {
    let answer;
    try {
      const reply = await this.nats.request(REQUESTS.entitlements, toBinary(EntitlementsRequestSchema, create(EntitlementsRequestSchema, { tenantId })), {
        timeout: this.config.entitlementsTimeoutMs ?? 5000,
      });
      answer = fromBinary(EntitlementsSchema, reply.data);
    } catch {
      throw new RampartError('INTERNAL_SERVER_ERROR', 'Billing did not answer the entitlements request; nothing was started, try again');
    }
    if (answer.errorCode !== '') throw new RampartError('INTERNAL_SERVER_ERROR', `Billing refused the entitlements request (${answer.errorCode})`);
    return {
      edition: answer.edition,
      baselineItems: answer.baselineItems,
      operations: answer.baselineOperations,
      allowedItemIds: new Set(itemsOf(answer.baselineItems).map((item) => item.id)),
      metered: answer.baselineQuotaMetered,
    };
  }

  /** The entitlement, refused with EDITION_NOT_ENTITLED when the edition has no baseline `operation` at all. */
  async require(tenantId: string, operation: BaselineOperation): Promise<BaselineEntitlement> {
    const entitlement = await this.baseline(tenantId);
    if (entitlement.allowedItemIds.size === 0 || !entitlement.operations.includes(operation)) {
      throw new EditionNotEntitledError(`The ${entitlement.edition || 'current'} edition does not include baseline check ${operation === 'DETECT' ? 'scans' : operation.toLowerCase()}`);
    }
    return entitlement;
  }
}
