// Per-tenant rate limiting over fixed one-second windows: simple, and enough to make a client
// meet 429 / 1007 with `retry_after`.
export class RateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns the seconds to wait when it is over the limit, else undefined. */
  take(tenant: string): number | undefined {
    const ms = this.now();
    const second = Math.floor(ms / 1000);
    let window = this.windows.get(tenant);
    if (!window || window.second !== second) {
      window = { second, count: 0 };
      this.windows.set(tenant, window);
    }
    window.count++;
    if (window.count <= this.perSecond) return undefined;
    return Math.max(1, Math.ceil(((second + 1) * 1000 - ms) / 1000));
  }
}
