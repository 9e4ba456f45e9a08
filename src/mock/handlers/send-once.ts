// Sending under an idempotency key: the first request sends, a replay with the same canonical body
// returns the stored answer and sends nothing, another body is refused, a duplicate that arrives
// while the first is in flight gets 409. The idempotency faults deviate here.
import { setTimeout as delay } from 'node:timers/promises';
import { idempotencyInFlight, idempotencyMismatch } from '../errors.ts';
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
  if (state.fault === 'idem-body-mismatch-replays') return replyOf(original);
  if (state.fault === 'idem-body-mismatch-new-chat') {
    const outcome = sender.send();
    state.idempotency.complete(scope, fingerprint, outcome);
    return replyOf(outcome);
  }
  return { error: idempotencyMismatch() };
}

function sendNow(state: MockState, scope: string, fingerprint: string, sender: Sender): Reply {
  try {
    const outcome = sender.send();
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

export function sendOnce(state: MockState, scope: string, fingerprint: string, sender: Sender): Reply | Promise<Reply> {
  // idem-race only looks the key up, then awaits the send before storing it: the classic race.
  const claim = state.fault === 'idem-race' ? state.idempotency.peek(scope, fingerprint) : state.idempotency.claim(scope, fingerprint);
  switch (claim.kind) {
    case 'in-flight':
      return { error: idempotencyInFlight() };
    case 'replay':
      return replay(state, claim.outcome, sender);
    case 'mismatch':
      return mismatch(state, scope, fingerprint, claim.outcome, sender);
    case 'new':
      return firstSend(state, scope, fingerprint, sender);
  }
}
