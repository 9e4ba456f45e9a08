// The client a property sends through: the fixture client's settings, auth mode, guard and
// exchange records, with one difference: throttling is left to the property. The shared client
// turns a lasting 429 into an inconclusive test, whereas a property waits Retry-After while its
// time bound allows, then ends early, judged on the runs it completed. (It sends over the same
// capped http transport as the fixture client, never Playwright's `request`: each `request` call
// is a reported test step with a captured stack, which cost as much as the request itself.)
import { ThrottledError, type ChertClient, type Call, type ChertResponse } from '../../src/client/chert-client.ts';

/** Sends one call: retried as the docs allow, re-signed each time, within the property's time bound. */
export type Send = (call: Call) => Promise<ChertResponse>;

/** The target throttled past the time bound: the property ends early without failing. */
export const Throttled = ThrottledError;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fixture client's twin (its ids, so follow-up tests of this worker may reach these chats; its run services and headers) that hands throttling back. */
export function propertyClient(chert: ChertClient): ChertClient {
  return chert.derive({ throwWhenThrottled: true });
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
        if (!(error instanceof ThrottledError) || Date.now() + error.waitMs > deadline()) throw error;
        await sleep(error.waitMs);
      }
    }
  };
}
