// The client a property sends through: the fixture client's settings and auth mode over
// Playwright's `request`, except that throttling is left to the property. The shared client turns
// a lasting 429 into an inconclusive test; a property instead waits Retry-After while its time
// bound allows, then ends early, judged on the runs it completed.
import type { APIRequestContext } from '@playwright/test';
import { ChertClient, type Call, type ChertResponse } from '../../src/client/chert-client.ts';
import { retryDecision } from '../../src/client/retry.ts';
import { playwrightTransport, type Transport } from '../../src/client/transport.ts';

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

export function propertyClient(chert: ChertClient, request: APIRequestContext): ChertClient {
  return new ChertClient({
    settings: chert.settings,
    transport: throttledAsError(playwrightTransport(request)),
    authMode: chert.authMode,
    // Shared with the fixture client, so follow-up tests of this worker may reach these chats.
    knownChatIds: chert.knownChatIds,
    fabricatedChatIds: chert.fabricatedChatIds,
  });
}

/** Each attempt goes through client.send, which signs afresh (a skew near 300 s stays exact). */
export function boundedSend(client: ChertClient, deadline: number): Send {
  return async (call) => {
    for (;;) {
      try {
        return await client.send(call);
      } catch (error) {
        if (!(error instanceof Throttled) || Date.now() + error.waitMs > deadline) throw error;
        await sleep(error.waitMs);
      }
    }
  };
}
