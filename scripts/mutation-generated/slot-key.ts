// The key the instrumented mock knows a test by: a hash of its project and title path, sent as a
// header by the test hooks inside the Playwright worker (test-hooks.ts) and computed from the
// reporter's lines by the runner.
import { createHash } from 'node:crypto';

export const SLOT_HEADER = 'x-chert-mutation-slot';

/** `titlePath`: the test's title path from its file on, as testInfo.titlePath has it. */
export function testKey(project: string, titlePath: readonly string[]): string {
  return createHash('sha1').update([project, ...titlePath].join('\u0000')).digest('hex').slice(0, 16);
}

export const slotOf = (key: string, repeat: number): string => `${key}/${repeat}`;
