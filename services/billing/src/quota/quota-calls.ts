import type { EntityManager } from 'typeorm';
import { RampartError } from '@rampart/platform';
import {
  validatePost,
  type PostCommand,
  type PostOutcome,
  type QuotaReservations,
  type ReserveCommand,
  type ReserveOutcome,
  type VoidCommand,
  type VoidOutcome,
} from './quota-reservations';
import type { BatchOutcome } from './tenant-transaction-batcher';

export type QuotaCall =
  | { kind: 'reserve'; command: ReserveCommand }
  | { kind: 'post'; command: PostCommand }
  | { kind: 'void'; command: VoidCommand };

export type QuotaAnswer = ReserveOutcome | PostOutcome | VoidOutcome;

type Outcome = BatchOutcome<QuotaAnswer>;

/** Runs `work`; a RampartError becomes the call's outcome. */
async function attempt(work: () => Promise<QuotaAnswer>): Promise<Outcome> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof RampartError) return { error };
    throw error;
  }
}

/** The refusal `validate` throws, if any. */
function refusalOf(validate: () => void): Outcome | undefined {
  try {
    validate();
    return undefined;
  } catch (error) {
    if (error instanceof RampartError) return { error };
    throw error;
  }
}

/**
 * Applies a group commit's calls of one tenant. Calls in one batch were all in flight together, so
 * any order is one their callers could have seen: new reservations go first, in one statement,
 * then posts of open reservations, in one statement; whatever those leave (invalid calls, repeats,
 * duplicates within the batch, late posts, voids) runs one by one as before.
 */
export async function applyQuotaCalls(
  reservations: QuotaReservations,
  manager: EntityManager,
  tenantId: string,
  calls: QuotaCall[],
): Promise<Outcome[]> {
  const outcomes: Array<Outcome | undefined> = calls.map(() => undefined);
  const reserves = new Map<string, { index: number; command: ReserveCommand }>();
  const posts = new Map<string, { index: number; command: PostCommand }>();
  for (const [index, call] of calls.entries()) {
    if (call.kind === 'reserve') {
      const { command } = call;
      outcomes[index] = refusalOf(() => reservations.validateReserve(command));
      if (!outcomes[index] && !reserves.has(command.id)) reserves.set(command.id, { index, command });
    } else if (call.kind === 'post') {
      const { command } = call;
      outcomes[index] = refusalOf(() => validatePost(command));
      if (!outcomes[index] && !posts.has(command.reservationId)) posts.set(command.reservationId, { index, command });
    }
  }
  if (reserves.size > 0) {
    const batch = [...reserves.values()];
    const answers = await reservations.reserveAll(manager, tenantId, batch.map(({ command }) => command));
    answers.forEach((answer, position) => {
      if (answer) outcomes[batch[position].index] = { value: answer };
    });
  }
  if (posts.size > 0) {
    const batch = [...posts.values()];
    const answers = await reservations.postAll(manager, tenantId, batch.map(({ command }) => command));
    answers.forEach((answer, position) => {
      if (answer) outcomes[batch[position].index] = { value: answer };
    });
  }
  for (const [index, call] of calls.entries()) {
    if (outcomes[index] !== undefined) continue;
    outcomes[index] = await attempt(() => applyOne(reservations, manager, call));
  }
  return outcomes as Outcome[];
}

function applyOne(reservations: QuotaReservations, manager: EntityManager, call: QuotaCall): Promise<QuotaAnswer> {
  switch (call.kind) {
    case 'reserve':
      return reservations.reserve(manager, call.command);
    case 'post':
      return reservations.post(manager, call.command);
    case 'void':
      return reservations.void(manager, call.command);
  }
}
