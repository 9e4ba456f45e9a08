// Preloaded (NODE_OPTIONS=--import) into the Playwright processes of a generated mutation run only:
// every request a test sends carries `x-chert-mutation-slot: <test key>/<repeatEachIndex>`
// (tag-requests.mjs), so the instrumented mock knows which test (and which repeat of it) it is
// serving: for coverage per test and to switch on the mutant scheduled for that test.
// The test key is a hash of project and title path (Playwright's testId changes with the repeat
// index, so the runner could not predict it); slot-key.ts computes the same from a report.
import { createHash } from 'node:crypto';
import { tagRequests } from './tag-requests.mjs';

tagRequests((info) => {
  const key = createHash('sha1').update([info.project.name, ...info.titlePath].join('\u0000')).digest('hex').slice(0, 16);
  return `${key}/${info.repeatEachIndex}`;
});
