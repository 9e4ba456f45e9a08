import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordExchangeLazily } from '../../src/client/exchange.ts';

const request = { method: 'GET', url: 'http://127.0.0.1:1/api/v1/chats/x/messages', headers: {}, body: undefined, timeoutMs: 1_000 };

test('a long answer is recorded clipped, with its length and the cap it passed', () => {
  const text = 'é'.repeat(10_000);
  const exchange = recordExchangeLazily(request, { status: 200, headers: {}, text, truncated: { cap: 4_194_304 } }, []);
  const body = exchange.response?.body ?? '';
  assert.ok(body.startsWith('é'.repeat(4_000) + '… (10000 characters)'), body.slice(3_990, 4_040));
  assert.match(body, /truncated: the body was longer than 4194304 bytes, CHERT_MAX_BODY_BYTES/);
});

test('a short answer is recorded whole', () => {
  const exchange = recordExchangeLazily(request, { status: 404, headers: {}, text: '{"error":{}}' }, []);
  assert.equal(exchange.response?.body, '{"error":{}}');
});

test('a repeated header is recorded with every value, each credential redacted', () => {
  const secret = { value: '0123456789abcdef0123456789abcdef', variable: 'CHERT_SIGNING_SECRET' };
  const repeated = { ...request, headers: { authorization: `Bearer ${secret.value}` }, repeatedHeaders: { authorization: ['Bearer wrong-token-0000'] } };
  const exchange = recordExchangeLazily(repeated, { status: 401, headers: {}, text: '{}' }, [secret]);
  assert.equal(exchange.request.headers.authorization, 'Bearer $CHERT_SIGNING_SECRET, Bearer $CHERT_SIGNING_SECRET');
  assert.equal((exchange.curl.match(/-H "authorization: Bearer \$CHERT_SIGNING_SECRET"/g) ?? []).length, 2);
  assert.ok(!JSON.stringify(exchange).includes(secret.value));
});
