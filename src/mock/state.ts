// Everything one running mock remembers, built once from its options.
import type { Tenant } from '../config/settings.ts';
import type { FaultName } from './faults.ts';
import { MockClock } from './clock.ts';
import { IdempotencyStore } from './idempotency.ts';
import { DEFAULT_READINGS, type MockReadings } from './readings.ts';
import { SeenSignatures } from './auth.ts';
import { BoundedMap } from './bounded-map.ts';
import type { ApiError } from './errors.ts';
import { RateLimiter } from './rate-limit.ts';
import { ChatStore, type Stats } from './store.ts';

export type MockOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The tenants the mock accepts: settings' [tenant, tenantB?]. */
  tenants: Tenant[];
  /** The one deliberate deviation to turn on (see faults.ts). */
  fault?: FaultName;
  /** Its reading of each open choice (specs/open-choices.yaml); the first of each by default. */
  readings?: MockReadings;
  /** How long a reading that settles takes to (store.ts, SETTLING_CHOICES); its own default each. */
  settleMs?: number;
  /** Requests per second per tenant before 429 / 1007. */
  rateLimit?: number;
  /** Probability (0..1) that a request gets 503 / 3002 before any side effect. */
  flaky?: number;
  /** Simulated delivery time of each send, in ms; above 0 a concurrent duplicate key meets 409. */
  sendLatencyMs?: number;
  /** Chats and idempotency keys kept before the oldest are forgotten. */
  capacity?: number;
  /** The source of randomness for --flaky; Math.random by default. */
  random?: () => number;
  /** The time source of the edit window (ms since the epoch); Date.now by default. */
  now?: () => number;
};

export type MockState = {
  readonly tenants: readonly Tenant[];
  readonly fault: FaultName | undefined;
  readonly readings: MockReadings;
  /** Requests seen with their signatures (the signature-replay reading reuse-refused). */
  readonly seenSignatures: SeenSignatures;
  /** Keys whose first request was refused (the idem-failed-first-attempt reading error-cached). */
  readonly refusedKeys: BoundedMap<string, { fingerprint: string; error: ApiError }>;
  readonly store: ChatStore;
  readonly idempotency: IdempotencyStore;
  readonly limiter: RateLimiter | undefined;
  readonly flaky: number;
  readonly random: () => number;
  readonly sendLatencyMs: number;
  /** Time for the edit window; auth keeps the real clock. */
  readonly clock: MockClock;
  /** API requests answered (the mock's own /__mock routes excluded). */
  requests: number;
};

export const DEFAULT_CAPACITY = 50_000;
/** The limit rate-limit-no-retry-after throttles at when no --rate-limit is given. */
const FAULT_RATE_LIMIT = 100;

function checkOptions(options: MockOptions): void {
  if (options.tenants.length === 0) throw new RangeError('startMock needs at least one tenant.');
  const { rateLimit, flaky, sendLatencyMs } = options;
  if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit > 0)) throw new RangeError(`rateLimit must be a positive integer, got ${rateLimit}.`);
  if (flaky !== undefined && !(flaky >= 0 && flaky <= 1)) throw new RangeError(`flaky must be a probability from 0 to 1, got ${flaky}.`);
  if (sendLatencyMs !== undefined && !(sendLatencyMs >= 0)) throw new RangeError(`sendLatencyMs must be 0 or more, got ${sendLatencyMs}.`);
}

export function createState(options: MockOptions): MockState {
  checkOptions(options);
  const capacity = options.capacity ?? DEFAULT_CAPACITY;
  const clock = new MockClock(options.now);
  const limit = options.rateLimit ?? (options.fault === 'rate-limit-no-retry-after' ? FAULT_RATE_LIMIT : undefined);
  const readings = options.readings ?? DEFAULT_READINGS;
  return {
    tenants: [...options.tenants],
    fault: options.fault,
    readings,
    seenSignatures: new SeenSignatures(),
    refusedKeys: new BoundedMap(capacity),
    store: new ChatStore(capacity, clock, readings, options.settleMs),
    clock,
    idempotency: new IdempotencyStore(capacity),
    limiter: limit === undefined ? undefined : new RateLimiter(limit),
    flaky: options.flaky ?? 0,
    random: options.random ?? Math.random,
    sendLatencyMs: options.sendLatencyMs ?? 0,
    requests: 0,
  };
}

export function statsOf(state: MockState): Stats {
  return { chatsCreated: state.store.chatsCreated, messagesSent: state.store.messagesSent, requests: state.requests };
}
