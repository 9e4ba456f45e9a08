// Prints the README's fault table: each fault of the mock's catalog, what it breaks, the
// requirement it violates and the one that caught it in the last `npm run mutation`.
import { readFileSync } from 'node:fs';
import { FAULTS } from '../src/mock/faults.ts';

type Result = { fault: string; caughtBy: string[] };

let results: Result[] = [];
try {
  results = (JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8')) as { results: Result[] }).results;
} catch {
  console.error('No reports/mutation/mutation.json: run `npm run mutation` first for the "caught by" column.');
}

const escape = (text: string) => text.replace(/\|/g, '\\|');
console.log('| fault | what it breaks | violates | caught by |');
console.log('|---|---|---|---|');
for (const fault of FAULTS) {
  const caught = results.find((r) => r.fault === fault.name)?.caughtBy.join(', ') ?? '';
  console.log(`| \`${fault.name}\` | ${escape(fault.description)} | ${fault.requirement} | ${caught || '—'} |`);
}
