// Sending under an idempotency key: the first request sends, a replay with the same canonical body
// returns the stored answer and sends nothing, another body is refused, a duplicate that arrives
// while the first is in flight gets 409. The idempotency faults deviate here; where the docs are
// silent the mock follows its readings (idem-key-other-body, idem-concurrent-duplicate, idem-key-ttl).
import { setTimeout as delay } from 'node:timers/promises';
import { apiError, idempotencyInFlight, idempotencyMismatch } from '../errors.ts';
import type { Outcome } from '../idempotency.ts';
import type { MockState } from '../state.ts';
import type { Reply } from '../types.ts';

export interface Sender {
  /** Sends the message (creating the chat for a create) and returns the answer. */
  send(): Outcome;
  /** Sends the same parts again as a new message of the original chat (idem-new-message-id). */
  resend(original: Outcome): Outcome;
}

/** The delay idem-race waits between checking and storing the key: a stand-in for the real send. */
const RACE_WINDOW_MS = 5;
/** How long a key lives under the idem-key-ttl reading time-bounded. */
export const KEY_TTL_MS = 60_000;
/** How long a duplicate in flight waits for the first under idem-concurrent-duplicate wait. */
const WAIT_STEP_MS = 5;

export const replyOf = (outcome: Outcome): Reply => ({ status: outcome.status, body: outcome.body });

function sendAgain(state: MockState, original: Outcome): void {
  const record = state.store.get(original.chatId);
  const message = record?.messages.find((m) => m.id === original.messageId);
  if (record && message) state.store.send(record, message);
}

function replay(state: MockState, original: Outcome, sender: Sender): Reply {
  if (state.fault === 'idem-new-message-id') return replyOf(sender.resend(original));
  if (state.fault === 'idem-replay-history-duplicate') sendAgain(state, original);
  return replyOf(original);
}

function mismatch(state: MockState, scope: string, fingerprint: string, original: Outcome, sender: Sender): Reply {
  if (state.fault === 'idem-body-mismatch-replays' || state.readings.is('idem-key-other-body', 'original-returned')) return replyOf(original);
  if (state.fault === 'idem-body-mismatch-new-chat') {
    const outcome = sender.send();
    state.idempotency.complete(scope, fingerprint, outcome);
    return replyOf(outcome);
  }
  return { error: idempotencyMismatch() };
}

function sendNow(state: MockState, scope: string, fingerprint: string, sender: Sender): Reply {
  try {
    const outcome = { ...sender.send(), at: Date.now() };
    state.idempotency.complete(scope, fingerprint, outcome);
    return replyOf(outcome);
  } catch (error) {
    state.idempotency.release(scope);
    throw error;
  }
}

/** The first request of a key sends; with a simulated delivery time it stays in flight meanwhile. */
function firstSend(state: MockState, scope: string, fingerprint: string, sender: Sender): Reply | Promise<Reply> {
  const latency = state.fault === 'idem-race' ? Math.max(RACE_WINDOW_MS, state.sendLatencyMs) : state.sendLatencyMs;
  if (latency === 0) return sendNow(state, scope, fingerprint, sender);
  return delay(latency).then(
    () => sendNow(state, scope, fingerprint, sender),
    (error: unknown) => {
      state.idempotency.release(scope);
      throw error;
    },
  );
}

/** A duplicate in flight: refused with 409 (or 425), or, under the reading `wait`, answered once the first is. */
async function inFlight(state: MockState, scope: string, fingerprint: string, sender: Sender): Promise<Reply> {
  if (!state.readings.is('idem-concurrent-duplicate', 'wait')) {
    return { error: state.readings.is('idem-concurrent-duplicate', 'other-refusal') ? apiError(1002, 'A request with this key is still in flight.', { status: 425 }) : idempotencyInFlight() };
  }
  for (;;) {
    await delay(WAIT_STEP_MS);
    const claim = state.idempotency.peek(scope, fingerprint);
    if (claim.kind !== 'in-flight') return claim.kind === 'new' ? firstSend(state, scope, fingerprint, sender) : claim.kind === 'replay' ? replay(state, claim.outcome, sender) : mismatch(state, scope, fingerprint, claim.outcome, sender);
  }
}

/** idem-key-ttl time-bounded: a key older than KEY_TTL_MS is forgotten. */
function expired(state: MockState, outcome: Outcome): boolean {
  return state.readings.is('idem-key-ttl', 'time-bounded') && Date.now() - (outcome.at ?? Date.now()) > KEY_TTL_MS;
}

export function sendOnce(state: MockState, scope: string, fingerprint: string, sender: Sender): Reply | Promise<Reply> {
  // idem-race only looks the key up, then awaits the send before storing it: the classic race.
  let claim = state.fault === 'idem-race' ? state.idempotency.peek(scope, fingerprint) : state.idempotency.claim(scope, fingerprint);
  if ((claim.kind === 'replay' || claim.kind === 'mismatch') && expired(state, claim.outcome)) {
    state.idempotency.forget(scope);
    claim = state.idempotency.claim(scope, fingerprint);
  }
  switch (claim.kind) {
    case 'in-flight':
      return inFlight(state, scope, fingerprint, sender);
    case 'replay':
      return replay(state, claim.outcome, sender);
    case 'mismatch':
      return mismatch(state, scope, fingerprint, claim.outcome, sender);
    case 'new':
      return firstSend(state, scope, fingerprint, sender);
  }
}
