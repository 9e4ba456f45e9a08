// The hooks both mutation runs preload into their Playwright processes (worker-tag.mjs for the
// generated mutants, scripts/fault-catalog/fault-tag.mjs for the fault catalog): every request a
// test sends carries `x-chert-mutation-slot: <slot>`, where each run names the slot its own way
// from the running test's info. Requests outside a test (the preflight) carry nothing. Plain
// JavaScript: it loads before Playwright's TypeScript support.
import { subscribe } from 'node:diagnostics_channel';
import http from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const HEADER = 'x-chert-mutation-slot';
const require = createRequire(import.meta.url);

/** Installs the hooks once per process; `slotOf` gets Playwright's TestInfo of the running test. */
export function tagRequests(slotOf) {
  let playwrightTest;
  /** The running test's slot, or undefined outside a test (test.info() throws there). */
  const currentSlot = () => {
    try {
      playwrightTest ??= require('@playwright/test').test;
      return slotOf(playwrightTest.info());
    } catch {
      return undefined;
    }
  };

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
}
