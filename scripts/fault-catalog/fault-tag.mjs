// Preloaded (NODE_OPTIONS=--import) into the Playwright processes of `npm run mutation` only: every
// request a test sends carries `x-chert-mutation-slot: <project>/<requirement>` (the round and the
// requirement the test proves), so the relay (scripts/mutation-generated/slot-router.ts) sends it
// to the mock of the fault that round gives that requirement (plan.ts, faultSlot). The same hooks
// as scripts/mutation-generated/worker-tag.mjs, which keys a slot by test instead: here the route
// is known from the fault catalog before any test is listed, so the run needs no listing first.
// Requests outside a test (the preflight) carry nothing. Plain JavaScript: it loads before
// Playwright's TypeScript support.
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
    // req() (tests/fixtures/index.ts) gives every test exactly one, first among its annotations.
    const requirement = info.annotations.find((a) => a.type === 'requirement')?.description;
    return requirement === undefined ? undefined : `${info.project.name}/${requirement}`;
  } catch {
    return undefined;
  }
}

// Node's fetch (undici): the property tests.
subscribe('undici:request:create', ({ request }) => {
  const slot = currentSlot();
  if (slot) request.addHeader(HEADER, slot);
});

// node:http: the suite's own transport. Its request start channel fires after the headers are
// sent (Node 20), so the header is set as the request is created.
const originalRequest = http.request;
http.request = function taggedRequest(...args) {
  const request = originalRequest.apply(this, args);
  const slot = currentSlot();
  if (slot) request.setHeader(HEADER, slot);
  return request;
};
// The suite's transport imports `request` from node:http by name: update those bindings too.
syncBuiltinESMExports();
