// Messages between the mutation runner and the instrumented mock's process (Node IPC).

/** Coverage key of requests outside any test (the preflight) once the mock is loaded. */
export const UNTAGGED = '<no test>';

export type FromRunner =
  /**
   * Load the build and listen; a static mutant must be active before its module loads. `readings`:
   * the open choices' readings the mock takes (src/mock/readings.ts), the defaults when absent.
   */
  | { type: 'start'; build: string; staticMutant?: string; readings?: [string, string][] }
  /** Which mutant each test slot (`<test key>/<repeat>`) runs; `globalMutant` for every other request. */
  | { type: 'schedule'; slots: Record<string, string>; globalMutant?: string }
  /** Send the coverage so far and start counting per test afresh. */
  | { type: 'coverage' }
  /** The slots of the current schedule with an answer never ended, and those whose code held the event loop. */
  | { type: 'answers' }
  | { type: 'stop' };

export type ToRunner =
  | { type: 'ready'; url: string }
  | { type: 'failed'; error: string }
  | { type: 'scheduled' }
  | { type: 'coverage'; static: Record<string, number>; perTest: Record<string, Record<string, number>> }
  | { type: 'answers'; hung: string[]; blocking: string[] };
