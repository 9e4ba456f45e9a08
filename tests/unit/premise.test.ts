// A check that builds on a create is left unjudged only when a plain create of the same size is
// refused too (tests/fixtures/premise.ts); otherwise its failure stands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChertClient } from '../../src/client/chert-client.ts';
import type { Exchange } from '../../src/client/exchange.ts';
import type { Transport, WireRequest } from '../../src/client/transport.ts';
import { parseSettings, type Settings } from '../../src/config/settings.ts';
import { failedCreateSizes, failingRunUnjudged } from '../fixtures/premise.ts';

const settings: Settings = { ...parseSettings({}), baseUrl: 'http://127.0.0.1:1' };
const CREATE_URL = 'http://127.0.0.1:1/api/v1/chats';
const SERVER_ERROR = JSON.stringify({ success: false, error: { status: 500, code: 3001, message: 'x', retryable: false }, trace_id: 't' });

function exchange(url: string, to: string[], status: number): Exchange {
  return { request: { method: 'POST', url, headers: {}, body: JSON.stringify({ from: settings.tenant.from, to }) }, response: { status, headers: {}, body: '{}' }, curl: '' };
}

/** A target that fails every group create with a 500 and accepts every 1:1 create. */
function groupsFail(sent: WireRequest[]): Transport {
  return async (req) => {
    sent.push(req);
    const to = (JSON.parse(req.body?.toString('utf8') ?? '{}') as { to?: string[] }).to ?? [];
    return to.length > 1 ? { status: 500, headers: {}, text: SERVER_ERROR } : { status: 201, headers: {}, text: '{}' };
  };
}

const client = (transport: Transport, overrides: Partial<Settings> = {}) => new ChertClient({ settings: { ...settings, ...overrides }, transport, authMode: 'hmac' });

test('the sizes of creates that got a 5xx, once each; refusals with a 4xx and other routes are not counted', () => {
  const exchanges = [
    exchange(CREATE_URL, ['+12025550101', '+12025550102'], 500),
    exchange(CREATE_URL, ['+12025550103', '+12025550104'], 503),
    exchange(CREATE_URL, ['+12025550105'], 409),
    exchange(CREATE_URL, ['+12025550106', '+12025550107', '+12025550108'], 201),
    exchange('http://127.0.0.1:1/api/v1/chats/abc/messages', ['+12025550109'], 500),
  ];
  assert.deepEqual(failedCreateSizes(exchanges), [2]);
});

test('a failing run is unjudged when a plain create of its failed size fails too', async () => {
  const sent: WireRequest[] = [];
  const why = await failingRunUnjudged(client(groupsFail(sent)), [exchange(CREATE_URL, ['+12025550101', '+12025550102', '+12025550103'], 500)]);
  assert.match(why ?? '', /a plain create of 3 recipient\(s\) got HTTP 500 with code 3001/);
  assert.equal(sent.length >= 1, true, 'a plain create was sent');
});

test('a failing run stands when a plain create of its size is accepted', async () => {
  const sent: WireRequest[] = [];
  assert.equal(await failingRunUnjudged(client(groupsFail(sent)), [exchange(CREATE_URL, ['+12025550101'], 500)]), undefined);
  assert.equal(sent.length, 1);
});

test('a failing run with no failed create, or in the safe profile, stands and sends nothing', async () => {
  const sent: WireRequest[] = [];
  assert.equal(await failingRunUnjudged(client(groupsFail(sent)), [exchange(CREATE_URL, ['+12025550101', '+12025550102'], 401)]), undefined);
  assert.equal(await failingRunUnjudged(client(groupsFail(sent), { profile: 'safe' }), [exchange(CREATE_URL, ['+12025550101', '+12025550102'], 500)]), undefined);
  assert.equal(sent.length, 0);
});
