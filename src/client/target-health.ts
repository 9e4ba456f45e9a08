// Is the target still answering? One tracker per worker (src/run/run-services.ts), shared
// across a run's workers through two files in the run directory: when anything last answered,
// and (once) why the run gave up.
// A target that stops answering is found within a bounded time whatever the suite size; from then
// on every request is cancelled at once instead of each test waiting out its own timeout.
import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, closeSync, writeSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { NoAnswerError } from './transport.ts';

/** Unanswered requests in a row (timeouts or refusals) that, with no answer meanwhile, make a target dead. */
export const DEAD_AFTER_UNANSWERED = 3;
/** Answers in a row, run-wide, that are not JSON at all (HTML pages, empty redirects) before the target counts as broken. */
export const BROKEN_AFTER_UNUSABLE = 10;
/** A row of refusals must also last this long: a target restarting is not dead. */
const MIN_SILENCE_FOR_ROW_MS = 5_000;
const WATCH_EVERY_MS = 1_000;
const SHARE_EVERY_MS = 250;

/** How long nothing may answer before the target counts as dead: twice the request timeout, within 15–40 s. */
export function silenceLimitMs(requestTimeoutMs: number): number {
  return Math.min(40_000, Math.max(15_000, 2 * requestTimeoutMs));
}

type LastAnswer = { at: number; what: string };

export type HealthOptions = {
  /** Where workers share what they saw; undefined keeps the tracker to this process. */
  runDir: string | undefined;
  silenceMs: number;
  now?: () => number;
};

export class TargetHealth {
  private readonly controller = new AbortController();
  private dead: string | undefined;
  private last: LastAnswer | undefined;
  /** The first attempt sent after the last answer seen: silence is measured from here. */
  private waitingSince: number | undefined;
  private unansweredInARow = 0;
  private inFlight = 0;
  private sharedAt = 0;
  private checkedAt = 0;
  private watcher: NodeJS.Timeout | undefined;
  private readonly dir: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: HealthOptions) {
    this.now = options.now ?? Date.now;
    setMaxListeners(0, this.controller.signal); // every request in flight listens to it
    this.dir = options.runDir === undefined ? undefined : join(options.runDir, 'health');
    if (this.dir) mkdirSync(this.dir, { recursive: true });
  }

  /** Aborted when the target is found dead: every request in flight is cancelled. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the run stopped judging, once the target is dead (here or in another worker). */
  deadReason(): string | undefined {
    if (this.dead === undefined && this.dir && this.now() - this.checkedAt >= SHARE_EVERY_MS) {
      this.checkedAt = this.now();
      const shared = readText(join(this.dir, 'dead'));
      if (shared !== undefined) this.markDead(shared, false);
    }
    return this.dead;
  }

  /** Call before sending; returns the function to call when the attempt has settled. */
  begin(): () => void {
    this.waitingSince ??= this.now();
    this.inFlight++;
    this.watch();
    return () => {
      this.inFlight--;
    };
  }

  /**
   * An HTTP answer. `usable` is false for a body that is not JSON: a run of those, across
   * workers, means the target no longer speaks the API, and the tests not yet run are cancelled
   * (what already failed decides the verdict).
   */
  answered(what: string, usable = true): void {
    this.countUnusable(usable, what);
    this.last = { at: this.now(), what };
    this.waitingSince = undefined;
    this.unansweredInARow = 0;
    if (this.dir && this.last.at - this.sharedAt >= SHARE_EVERY_MS) {
      this.sharedAt = this.last.at;
      const file = join(this.dir, 'last-answer');
      writeFileSync(`${file}.${process.pid}`, JSON.stringify(this.last));
      renameSync(`${file}.${process.pid}`, file); // atomic: readers never see half a file
    }
  }

  private unusableInARow = 0;

  private countUnusable(usable: boolean, what: string): void {
    if (usable && this.unusableInARow === 0) return;
    const file = this.dir ? join(this.dir, 'unusable-in-a-row') : undefined;
    // Workers restart after every failed test, so the row is counted in a shared file.
    const shared = file ? Number(readText(file) ?? '0') || 0 : this.unusableInARow;
    this.unusableInARow = usable ? 0 : Math.max(shared, this.unusableInARow) + 1;
    if (file) writeFileSync(file, String(this.unusableInARow));
    if (this.unusableInARow >= BROKEN_AFTER_UNUSABLE) {
      this.markDead(`[inconclusive] The target no longer speaks the API (${this.unusableInARow} answers in a row were not JSON; the last: ${what}): the tests not yet judged were cancelled.`, true);
    }
  }

  unanswered(error: NoAnswerError): void {
    if (error.kind === 'timeout' || error.kind === 'refused') this.countUnanswered();
    this.judge();
  }

  /**
   * Workers restart after every failed test, so a row of unanswered requests and the time it
   * began are kept in the run directory: a silent target is found however short-lived the workers.
   */
  private countUnanswered(): void {
    const since = this.waitingSince ?? this.now();
    const last = this.lastAnswer();
    const file = this.dir ? join(this.dir, 'unanswered-row') : undefined;
    const shared = file ? parseRow(readText(file)) : undefined;
    const current = shared && !(last && last.at >= shared.since) ? shared : { count: 0, since };
    const row = { count: Math.max(current.count, this.unansweredInARow) + 1, since: Math.min(current.since, since) };
    this.unansweredInARow = row.count;
    this.waitingSince = row.since;
    if (file) writeFileSync(file, JSON.stringify(row));
  }

  /** The last answer anyone in the run saw. */
  private lastAnswer(): LastAnswer | undefined {
    const shared = this.dir ? parseLast(readText(join(this.dir, 'last-answer'))) : undefined;
    if (!shared) return this.last;
    return !this.last || shared.at > this.last.at ? shared : this.last;
  }

  private judge(): void {
    if (this.deadReason() !== undefined || this.waitingSince === undefined) return;
    const last = this.lastAnswer();
    if (last && last.at >= this.waitingSince) {
      this.waitingSince = undefined; // another worker heard from the target meanwhile
      this.unansweredInARow = 0;
      return;
    }
    const silentFor = this.now() - this.waitingSince;
    const row = this.unansweredInARow >= DEAD_AFTER_UNANSWERED && silentFor >= MIN_SILENCE_FOR_ROW_MS;
    if (!row && silentFor < this.options.silenceMs) return;
    const quiet = Math.round((this.now() - (last?.at ?? this.waitingSince)) / 1000);
    const why = row ? `${this.unansweredInARow} requests in a row got no answer` : `requests waited ${Math.round(silentFor / 1000)} s`;
    const lastSeen = last ? `the last answer, ${quiet} s before: ${last.what} at ${new Date(last.at).toISOString()}` : 'no answer seen since preflight';
    this.markDead(`[inconclusive] The target stopped answering (${why}; ${lastSeen}): the tests not yet judged were cancelled.`, true);
  }

  private markDead(reason: string, share: boolean): void {
    if (this.dead !== undefined) return;
    if (share && this.dir) reason = claimOrRead(join(this.dir, 'dead'), reason);
    this.dead = reason;
    this.controller.abort();
    if (this.watcher) clearInterval(this.watcher);
  }

  /** While anything is in flight, look at the clock once a second: a hung request never reports. */
  private watch(): void {
    if (this.watcher || this.dead) return;
    this.watcher = setInterval(() => {
      if (this.inFlight === 0 && this.unansweredInARow === 0) {
        clearInterval(this.watcher);
        this.watcher = undefined;
        return;
      }
      this.judge();
    }, WATCH_EVERY_MS);
    this.watcher.unref();
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseRow(text: string | undefined): { count: number; since: number } | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as { count: number; since: number });
  } catch {
    return undefined;
  }
}

function parseLast(text: string | undefined): LastAnswer | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as LastAnswer;
  } catch {
    return undefined;
  }
}

/** The first worker to find the target dead writes why; the others adopt its words. */
function claimOrRead(path: string, reason: string): string {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, reason);
    closeSync(fd);
    return reason;
  } catch {
    return readText(path) || reason;
  }
}

/** The file global teardown reads to print the one line of a run that gave up. */
export function deadTargetReason(runDir: string): string | undefined {
  return readText(join(runDir, 'health', 'dead'));
}
