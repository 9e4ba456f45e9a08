// The cap on accepted creates in the safe profile, shared by every worker of one run: each
// send is a token file created exclusively, so two workers can never claim the same one.
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export function claimSends(runDir: string, max: number, count: number): boolean {
  const dir = join(runDir, 'sends');
  mkdirSync(dir, { recursive: true });
  let claimed = 0;
  for (let token = 1; token <= max && claimed < count; token++) {
    try {
      closeSync(openSync(join(dir, String(token)), 'wx'));
      claimed++;
    } catch {
      // Taken by another test: try the next token.
    }
  }
  return claimed === count;
}
