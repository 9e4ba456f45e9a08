// Preloaded (NODE_OPTIONS=--import) into the Playwright processes of a generated mutation run only:
// every request a test sends carries `x-chert-mutation-slot: <test key>/<repeatEachIndex>`, so the
// instrumented mock knows which test (and which repeat of it) it is serving: for coverage per test
// and to switch on the mutant scheduled for that test. Requests outside a test (the preflight)
// carry nothing. Plain JavaScript: it loads before Playwright's TypeScript support.
// The test key is a hash of project and title path (Playwright's testId changes with the repeat
// index, so the runner could not predict it); slot-key.ts computes the same from a report.
import { createHash } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import http from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const HEADER = 'x-chert-mutation-slot';
const require = createRequire(import.meta.url);
let playwrightTest;

/** The running test's slot, or undefined outside a test (test.info() throws there). */
function currentSlot() {
  try {
    playwrightTest ??= require('@playwright/test').test;
    const info = playwrightTest.info();
    const key = createHash('sha1').update([info.project.name, ...info.titlePath].join('\u0000')).digest('hex').slice(0, 16);
    return `${key}/${info.repeatEachIndex}`;
  } catch {
    return undefined;
  }
}

// Node's fetch (undici): the property tests.
subscribe('undici:request:create', ({ request }) => {
  const slot = currentSlot();
  if (slot) request.addHeader(HEADER, slot);
});

// node:http: Playwright's APIRequestContext, the example tests. Its request start channel fires
// after the headers are sent (Node 20), so the header is set as the request is created.
const originalRequest = http.request;
http.request = function taggedRequest(...args) {
  const request = originalRequest.apply(this, args);
  const slot = currentSlot();
  if (slot) request.setHeader(HEADER, slot);
  return request;
};
// The suite's own transport imports `request` from node:http by name: update those bindings too.
syncBuiltinESMExports();
