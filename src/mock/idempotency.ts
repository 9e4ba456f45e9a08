// Idempotency keys: each remembers the canonical body it came with and the answer it got, so a
// replay returns that answer and sends nothing. Bounded: the oldest keys are forgotten first.
import { BoundedMap } from './bounded-map.ts';

/** What a key's first request answered, kept to replay it. */
export type Outcome = { status: number; body: unknown; chatId: string; messageId: string; /** When it was stored (ms). */ at?: number };

type Entry = { fingerprint: string; outcome: Outcome | undefined };

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; outcome: Outcome }
  | { kind: 'mismatch'; outcome: Outcome }
  | { kind: 'in-flight' };

export class IdempotencyStore {
  private readonly entries: BoundedMap<string, Entry>;

  constructor(capacity: number) {
    this.entries = new BoundedMap(capacity);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Looks the key up without reserving it. */
  peek(scope: string, fingerprint: string): Claim {
    const entry = this.entries.get(scope);
    if (!entry) return { kind: 'new' };
    if (!entry.outcome) return { kind: 'in-flight' };
    return entry.fingerprint === fingerprint ? { kind: 'replay', outcome: entry.outcome } : { kind: 'mismatch', outcome: entry.outcome };
  }

  /** Check-and-set in one synchronous step, so concurrent duplicates cannot both see "new". */
  claim(scope: string, fingerprint: string): Claim {
    const claim = this.peek(scope, fingerprint);
    if (claim.kind === 'new') this.entries.set(scope, { fingerprint, outcome: undefined });
    return claim;
  }

  complete(scope: string, fingerprint: string, outcome: Outcome): void {
    this.entries.set(scope, { fingerprint, outcome });
  }

  /** Forgets a key (one that expired). */
  forget(scope: string): void {
    this.entries.delete(scope);
  }

  /** Frees a claimed key whose request failed, so a retry can proceed. */
  release(scope: string): void {
    const entry = this.entries.get(scope);
    if (entry && !entry.outcome) this.entries.delete(scope);
  }
}
