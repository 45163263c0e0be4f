import type { EntityManager } from 'typeorm';
import { EVENTS, type BatchCompleted, type BatchCompletedSchema } from '@rampart/contracts';
import type { EventHandler } from '@rampart/messaging';
import { BadUserInputError } from '@rampart/platform';
import { QuotaReservations, type PostOutcome, type QuotaReservationsOptions } from './quota-reservations';

/**
 * Applies `config-checks.batch.completed.v1` inside the consumer's tenant transaction (with its
 * inbox row): posts exactly the batch's paid evaluations against its reservation and releases the
 * rest. Idempotent: a redelivery, or a worker that also posted over NATS, finds the reservation
 * posted and gets the first outcome. A batch without paid evaluations may carry no reservation.
 */
export async function postBatchWhenCompleted(
  manager: EntityManager,
  event: BatchCompleted,
  options: QuotaReservationsOptions = {},
): Promise<PostOutcome | null> {
  if (event.reservationId === '') {
    if (event.paidEvaluations.length > 0) {
      throw new BadUserInputError('A batch with paid evaluations must name its reservation', 'reservationId');
    }
    return null;
  }
  return new QuotaReservations(options).post(manager, {
    reservationId: event.reservationId,
    tenantId: event.tenantId,
    units: event.paidEvaluations.length,
    usage: event.paidEvaluations.map((line) => ({
      checkItemId: line.checkItemId,
      assetId: line.assetId,
      operation: line.operation || undefined,
      taskId: event.taskId || undefined,
    })),
  });
}

/** The handler to register on billing's durable consumer of the CONFIG_CHECKS stream. */
export const postBatchWhenCompletedHandler: EventHandler<typeof BatchCompletedSchema> = {
  contract: EVENTS.batchCompleted,
  handle: async (manager, event) => {
    await postBatchWhenCompleted(manager, event);
  },
};
