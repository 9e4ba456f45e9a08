// How many Playwright workers a run gets when CHERT_WORKERS is unset. Against a target that answers
// within a few milliseconds the run is bound by this machine's CPU and two workers are best; a
// distant target leaves the CPU idle between answers, so more workers keep more requests in
// flight. Playwright fixes the worker count before global setup, so the round trip is measured
// here, synchronously, in a short child process (only when CHERT_BASE_URL names a target).
import { spawnSync } from 'node:child_process';
import { DEFAULT_WORKERS } from '../config/settings.ts';

/** Round trips at or above this make a target distant. */
export const DISTANT_MS = 10;
/** Workers for a distant target: its example tests wait on round trips, one request at a time. */
export const DISTANT_WORKERS = 3;
const PROBE_TIMEOUT_MS = 3_000;

// Three GETs of the base URL (any answer will do, even 404); prints the fastest in ms, or nothing.
const PROBE = `
const url = process.argv[1];
let best = Infinity;
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  try { await (await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(${PROBE_TIMEOUT_MS / 3}) })).arrayBuffer(); } catch { continue; }
  best = Math.min(best, performance.now() - started);
}
if (best !== Infinity) console.log(Math.round(best));
`;

/** The fastest of three round trips to the target, or undefined when none answered. */
export function roundTripMs(baseUrl: string): number | undefined {
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, baseUrl], { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS + 2_000 });
  const ms = Number(out.stdout?.trim());
  return out.stdout?.trim() && Number.isFinite(ms) ? ms : undefined;
}

/**
 * CHERT_WORKERS when set; the built-in mock gets the default; a target gets DISTANT_WORKERS when
 * its round trip is DISTANT_MS or more, or when it does not answer (then the run will say so fast).
 */
export function chooseWorkers(env: Record<string, string | undefined>, probe: (url: string) => number | undefined = roundTripMs): number {
  const set = env.CHERT_WORKERS?.trim();
  if (set) {
    const n = Number(set);
    return Number.isInteger(n) && n >= 1 ? n : DEFAULT_WORKERS; // a bad value is reported with the other settings
  }
  const base = env.CHERT_BASE_URL?.trim();
  if (!base || env.CHERT_INTERNAL_BUILTIN_MOCK === '1') return DEFAULT_WORKERS;
  let ms: number | undefined;
  try {
    ms = probe(base);
  } catch {
    ms = undefined;
  }
  return ms !== undefined && ms < DISTANT_MS ? DEFAULT_WORKERS : DISTANT_WORKERS;
}
