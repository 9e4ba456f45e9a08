// A worker's side of the run-wide in-flight pool (src/run/inflight-broker.ts): one slot per request
// in flight, asked of the runner and given back with the answer. Should the runner's connection
// break, the worker falls back to its even share of the cap, counted here, so the cap still holds.
import { connect, type Socket } from 'node:net';

/** The protocol, one byte each: ask for a slot, give one back, a slot granted. */
export const ASK = 'a';
export const GIVE_BACK = 'r';
export const GRANT = 'g';
const GRANT_BYTE = GRANT.charCodeAt(0);

export class RunWideSlots {
  private readonly socket: Socket;
  /** Who asked for a slot, in the order asked (the broker grants in that order): true when granted, false when the broker is gone. */
  private readonly asked: ((granted: boolean) => void)[] = [];
  private broken = false;
  /** After a break: slots of the fallback share in use, and who waits for one. */
  private inUse = 0;
  private readonly queued: (() => void)[] = [];

  constructor(address: string, private readonly fallbackShare: number) {
    const [host, port] = address.split(':') as [string, string];
    this.socket = connect(Number(port), host);
    this.socket.setNoDelay(true);
    this.socket.unref(); // a worker with nothing else to do ends regardless
    this.socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === GRANT_BYTE) this.asked.shift()?.(true);
    });
    this.socket.on('error', () => this.break());
    this.socket.on('close', () => this.break());
  }

  /** Waits for a slot; returns the function that gives it back (once). */
  async acquire(): Promise<() => void> {
    if (this.broken) return this.acquireFallback();
    const granted = await new Promise<boolean>((resolve) => {
      this.asked.push(resolve);
      this.socket.write(ASK);
    });
    if (!granted) return this.acquireFallback();
    let given = false;
    return () => {
      if (given) return;
      given = true;
      if (!this.broken) this.socket.write(GIVE_BACK);
    };
  }

  private break(): void {
    if (this.broken) return;
    this.broken = true;
    // Those still waiting on the broker wait on the fallback share instead.
    for (const resolve of this.asked.splice(0)) resolve(false);
  }

  private async acquireFallback(): Promise<() => void> {
    while (this.inUse >= this.fallbackShare) await new Promise<void>((resolve) => this.queued.push(resolve));
    this.inUse++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.inUse--;
      this.queued.shift()?.();
    };
  }
}
