// The client a property sends through: the fixture client's settings, auth mode, guard and
// exchange records, with two differences. It sends over Node's fetch, not Playwright's `request`:
// every `request` call is also a reported test step with a captured stack, which costs about as
// much as the request itself (measured: the property tests took twice as long) and would fill the
// HTML report with thousands of steps. And throttling is left to the property: the shared client
// turns a lasting 429 into an inconclusive test, whereas a property waits Retry-After while its
// time bound allows, then ends early, judged on the runs it completed.
import { ChertClient, type Call, type ChertResponse } from '../../src/client/chert-client.ts';
import { retryDecision } from '../../src/client/retry.ts';
import { fetchTransport, type Transport } from '../../src/client/transport.ts';
import { withSecretScan } from '../fixtures/leaks.ts';

/** Sends one call: retried as the docs allow, re-signed each time, within the property's time bound. */
export type Send = (call: Call) => Promise<ChertResponse>;

/** The target throttled past the time bound: the property ends early without failing. */
export class Throttled extends Error {
  override name = 'Throttled';
  constructor(readonly waitMs: number) {
    super(`throttled: the target asked to wait ${waitMs} ms`);
  }
}

/** 429 / 1007 and 503 / 4002 become Throttled, so the client does not wait them out itself. */
function throttledAsError(transport: Transport): Transport {
  return async (request) => {
    const res = await transport(request);
    const decision = retryDecision(res, 1);
    if (decision.retry && decision.reason === 'throttled') throw new Throttled(decision.waitMs);
    return res;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function propertyClient(chert: ChertClient): ChertClient {
  return new ChertClient({
    settings: chert.settings,
    transport: throttledAsError(withSecretScan(fetchTransport, chert.settings)),
    authMode: chert.authMode,
    // Shared with the fixture client, so follow-up tests of this worker may reach these chats.
    knownChatIds: chert.knownChatIds,
    fabricatedChatIds: chert.fabricatedChatIds,
  });
}

/**
 * Each attempt goes through client.send, which signs afresh (a skew near 300 s stays exact).
 * `deadline` is read at each wait, so the property can move it (see run-property.ts).
 */
export function boundedSend(client: ChertClient, deadline: () => number): Send {
  return async (call) => {
    for (;;) {
      try {
        return await client.send(call);
      } catch (error) {
        if (!(error instanceof Throttled) || Date.now() + error.waitMs > deadline()) throw error;
        await sleep(error.waitMs);
      }
    }
  };
}
