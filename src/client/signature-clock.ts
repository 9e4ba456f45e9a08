// The docs tell clients "never reuse a signature", and a server may refuse a request that repeats
// one it has seen (open choice signature-replay). A signature covers only "<timestamp>.<body>", so
// the same request sent twice in one second (a replay, a burst, two reads of one history) would
// carry the same signature. So no request leaves the run twice with one signature: a repeat is
// signed a few seconds earlier, and each worker signs only timestamps of its own residue (modulo
// the lane count), so two workers never sign alike either. Far inside the 300 s window.
// Nor does a run sign earlier than it started: a gate runs again and again against one target,
// and a run walking back into the seconds of the run before would repeat that run's requests
// (the same unknown id read, the same refused body) with that run's signatures. Past the floor a
// repeat is signed a few seconds ahead instead.
import { signatureHeader } from '../domain/hmac.ts';

/** Signatures are remembered this long past their timestamp: beyond it a server refuses them as stale anyway. */
const REMEMBER_SECONDS = 310;

export class SignatureClock {
  private readonly used = new Map<string, number>();
  private signed = 0;

  /**
   * `lane` of `lanes`: this process's share of the timestamps (a Playwright worker's parallel
   * index among the workers). `notBefore`: the second the run started; no repeat is signed earlier.
   */
  constructor(
    private readonly lane: number,
    private readonly lanes: number,
    private readonly notBefore = Number.NEGATIVE_INFINITY,
  ) {
    if (!(Number.isInteger(lanes) && lanes >= 1 && Number.isInteger(lane) && lane >= 0 && lane < lanes)) {
      throw new RangeError(`lane ${lane} of ${lanes} is not a lane`);
    }
  }

  /**
   * A signature header over `body` at `wanted` seconds, or at the nearest earlier second of this
   * lane at which this request (method, path, signature) was not sent yet; when that would be
   * earlier than the run's start (and `wanted` is not itself earlier: a deliberately stale
   * signature), at the nearest later such second.
   */
  sign(secret: string, body: Buffer | string, wanted: number, request: string): string {
    const first = wanted - (((wanted - this.lane) % this.lanes) + this.lanes) % this.lanes;
    const floor = wanted >= this.notBefore ? this.notBefore : Number.NEGATIVE_INFINITY;
    let step = first < floor ? this.lanes : -this.lanes;
    let timestamp = first < floor ? first + step : first;
    for (;;) {
      const header = signatureHeader(secret, body, timestamp);
      const key = `${request}\n${header}`;
      if (!this.used.has(key)) {
        this.remember(key, timestamp);
        return header;
      }
      timestamp += step;
      if (step < 0 && timestamp < floor) {
        step = this.lanes;
        timestamp = first + step;
      }
    }
  }

  private remember(header: string, timestamp: number): void {
    this.used.set(header, timestamp);
    if (++this.signed % 1000 !== 0) return;
    const horizon = Math.floor(Date.now() / 1000) - REMEMBER_SECONDS;
    for (const [key, at] of this.used) if (at < horizon) this.used.delete(key);
  }
}
