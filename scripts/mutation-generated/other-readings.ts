// Code only another reading of an open choice reaches. The static classifier (ignore.ts) sees the
// branches a reading switch guards, not the functions only those branches call (a replay check
// only the refusing reading of signature-replay runs, say): under the default readings no test
// reaches them, so their mutants come out NoCoverage. Here the suite runs, without any mutant,
// against the instrumented mock under the false-alarm gate's reading configurations
// (src/mock/readings.ts gateConfigurations()); a NoCoverage mutant whose code one of them reaches
// is classed open choice: any reading is a correct server, and the gate runs each. Code no reading
// reaches stays NoCoverage: dead code to delete, or fault or option code for config.ts.
import { join } from 'node:path';
import { gateConfigurations } from '../../src/mock/readings.ts';
import { MutantMock, runSuite } from './runner.ts';
import type { SlotRouter } from './slot-router.ts';

/** Where a NoCoverage mutant's code ran: the gate configuration's label and its readings. */
export type ReachedUnder = { label: string; readings: [string, string][] };

export const otherReadingReason = (reached: ReachedUnder): string => {
  const named = reached.readings.length === 1 ? ` (${reached.readings[0]?.join('=')})` : ` (${reached.readings.length} choices at another reading)`;
  return `open choice: reached only under the gate's "${reached.label}" readings${named}, never under the default ones; the false-alarm gate (npm run gate:readings) runs every reading`;
};

/**
 * The mutants of `ids` each configuration's suite run reaches, trying configurations in the gate's
 * order and stopping once every one is placed; the rest no reading reaches. The router sends the
 * suite's requests to each configuration's mock in turn, then back to `restore`.
 */
export async function reachedUnderOtherReadings(options: {
  ids: ReadonlySet<string>;
  build: string;
  router: SlotRouter;
  url: string;
  restore: string;
  workDir: string;
  workers: number;
  log: (line: string) => void;
}): Promise<Map<string, ReachedUnder>> {
  const reached = new Map<string, ReachedUnder>();
  for (const config of gateConfigurations()) {
    const left = [...options.ids].filter((id) => !reached.has(id));
    if (left.length === 0) break;
    const mock = await MutantMock.start(options.build, undefined, config.readings);
    try {
      options.router.retarget(mock.url);
      const run = await runSuite({ url: options.url, workDir: join(options.workDir, 'other-readings'), workers: options.workers });
      const coverage = await mock.coverage();
      const hit = new Set([...Object.keys(coverage.static), ...Object.values(coverage.perTest).flatMap((hits) => Object.keys(hits))]);
      const found = left.filter((id) => hit.has(id));
      for (const id of found) reached.set(id, { label: config.label, readings: config.readings });
      options.log(`readings "${config.label}" (${config.readings.length} choice(s)): ${run.outcomes.length} tests in ${run.seconds.toFixed(0)} s reach ${found.length} of ${left.length} NoCoverage mutant(s)`);
    } finally {
      options.router.retarget(options.restore);
      await mock.stop();
    }
  }
  return reached;
}
