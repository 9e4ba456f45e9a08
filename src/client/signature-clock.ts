// The docs tell clients "never reuse a signature", and a server may refuse a request that repeats
// one it has seen (open choice signature-replay). A signature covers only "<timestamp>.<body>", so
// the same request sent twice in one second (a replay, a burst, two reads of one history) would
// carry the same signature. So no request leaves the run twice with one signature: a repeat is
// signed a few seconds earlier, and each worker signs only timestamps of its own residue (modulo
// the lane count), so two workers never sign alike either. Far inside the 300 s window.
// Nor does a run sign earlier than it started: a gate runs again and again against one target,
// and a run walking back into the seconds of the run before would repeat that run's requests
// (the same refused body) with that run's signatures. Past the floor a repeat is signed ahead
// instead, and a short run signs far ahead: a run on the mock is over in seconds, yet repeats one
// request fifty times. So the clock also starts from what earlier runs on this machine signed
// (`remembered`, src/run/signature-memory.ts) and never signs those again.
import { createHash } from 'node:crypto';
import { signatureHeader } from '../domain/hmac.ts';

/** Signatures are remembered this long past their timestamp: beyond it a server refuses them as stale anyway. */
export const REMEMBER_SECONDS = 310;

/** The docs' window: a timestamp further than this from the server's clock is refused. */
const WINDOW_SECONDS = 300;

/** How far a repeat may move from the wanted second. */
const REACH_SECONDS = 240;

/** A repeat of a signature inside the window stays this far inside it (an accepted-skew check may ask for 290 s). */
const EDGE_SECONDS = 295;

/** One signed request, as remembered: a hash of the request and its signature (never the signature itself), and its timestamp. */
export type SignedEntry = readonly [key: string, timestamp: number];

export class SignatureClock {
  private readonly used = new Map<string, number>();
  /** What this clock signed itself (not what it was told earlier runs signed): what it hands on. */
  private readonly mine = new Map<string, number>();
  private signed = 0;

  /**
   * `lane` of `lanes`: this process's share of the timestamps (a Playwright worker's parallel
   * index among the workers). `notBefore`: the second the run started; no repeat is signed
   * earlier while a later second within reach is free. `remembered`: requests signed before.
   */
  constructor(
    private readonly lane: number,
    private readonly lanes: number,
    private readonly notBefore = Number.NEGATIVE_INFINITY,
    remembered: Iterable<SignedEntry> = [],
  ) {
    if (!(Number.isInteger(lanes) && lanes >= 1 && Number.isInteger(lane) && lane >= 0 && lane < lanes)) {
      throw new RangeError(`lane ${lane} of ${lanes} is not a lane`);
    }
    for (const [key, at] of remembered) this.used.set(key, at);
  }

  /**
   * A signature header over `body` at `wanted` seconds, or at the nearest second of this lane at
   * which this request (method, path, signature) was not signed yet: earlier down to the run's
   * start, then later, then earlier than the start, all within reach of `wanted` and inside the
   * window around `now`. A deliberately stale signature (outside the window) moves only further
   * out. Past all that (a request repeated hundreds of times in a few minutes), the signature at
   * `wanted` again.
   */
  sign(secret: string, body: Buffer | string, wanted: number, request: string, now = Math.floor(Date.now() / 1000)): string {
    for (const timestamp of this.candidates(wanted, now)) {
      const header = signatureHeader(secret, body, timestamp);
      const key = entryKey(request, header);
      if (!this.used.has(key)) {
        this.remember(key, timestamp);
        return header;
      }
    }
    return signatureHeader(secret, body, wanted);
  }

  /**
   * The requests this clock signed that a server may have accepted and may still remember, for
   * the runs after: none older than the window, nor any so far ahead that it was refused as stale.
   */
  signedHere(): SignedEntry[] {
    return [...this.mine].filter(([, at]) => inWindow(at));
  }

  /** This lane's seconds in the order `sign` tries them. */
  private *candidates(wanted: number, now: number): Generator<number> {
    const lanes = this.lanes;
    const below = wanted - ((((wanted - this.lane) % lanes) + lanes) % lanes);
    if (wanted < now - WINDOW_SECONDS) {
      for (let t = below; t >= wanted - REACH_SECONDS; t -= lanes) yield t;
      return;
    }
    if (wanted > now + WINDOW_SECONDS) {
      for (let t = below === wanted ? below : below + lanes; t <= wanted + REACH_SECONDS; t += lanes) yield t;
      return;
    }
    const low = Math.max(wanted - REACH_SECONDS, now - EDGE_SECONDS);
    const high = Math.min(wanted + REACH_SECONDS, now + EDGE_SECONDS);
    const start = Math.max(this.notBefore, low);
    for (let t = below; t >= start; t -= lanes) yield t;
    for (let t = below + lanes; t <= high; t += lanes) yield t;
    for (let t = below; t >= low; t -= lanes) if (t < start) yield t;
  }

  private remember(key: string, timestamp: number): void {
    this.used.set(key, timestamp);
    this.mine.set(key, timestamp);
    if (++this.signed % 1000 !== 0) return;
    const horizon = Math.floor(Date.now() / 1000) - REMEMBER_SECONDS;
    for (const map of [this.used, this.mine]) for (const [key, at] of map) if (at < horizon) map.delete(key);
  }
}

/** Whether a signature at this second is accepted now, as far as any server's window goes. */
export function inWindow(timestamp: number, now = Math.floor(Date.now() / 1000)): boolean {
  return Math.abs(timestamp - now) <= REMEMBER_SECONDS;
}

/** A request and its signature, hashed: a remembered entry cannot be replayed. */
function entryKey(request: string, header: string): string {
  return createHash('sha256').update(request).update('\n').update(header).digest('base64url').slice(0, 22);
}
