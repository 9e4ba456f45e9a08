// What the transport puts on the wire for the protocol-edge checks: a repeated header as several
// lines, a chunked body without Content-Length, HEAD and OPTIONS, a path as written.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { httpTransport, type WireRequest } from '../../src/client/transport.ts';

type Seen = { method: string; url: string; raw: string[]; body: string };
let seen: Seen[] = [];
let base = '';
const server = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', raw: req.rawHeaders, body: Buffer.concat(chunks).toString() });
    res.writeHead(200, { 'content-type': 'application/json', 'x-trace-id': 't' }).end('{"ok":true}');
  });
});
before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => {
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resolve();
})));
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const send = (req: Partial<WireRequest>) => httpTransport()({ method: 'POST', url: `${base}/x`, headers: {}, body: undefined, timeoutMs: 2_000, ...req });
const lines = (raw: string[], name: string) => raw.filter((_, i) => i % 2 === 0 && raw[i]?.toLowerCase() === name).length;
const value = (raw: string[], name: string) => raw[raw.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === name) + 1];

test('a repeated header goes out as one line per value, the first value first', async () => {
  seen = [];
  await send({ headers: { authorization: 'Bearer first' }, repeatedHeaders: { authorization: ['Bearer second'] } });
  assert.equal(lines(seen[0]?.raw ?? [], 'authorization'), 2);
  assert.equal(value(seen[0]?.raw ?? [], 'authorization'), 'Bearer first');
});

test('Transfer-Encoding: chunked sends the body chunked, without Content-Length', async () => {
  seen = [];
  await send({ headers: { 'transfer-encoding': 'chunked', 'content-type': 'application/json' }, body: Buffer.from('{"a":1}') });
  assert.equal(lines(seen[0]?.raw ?? [], 'content-length'), 0);
  assert.equal(value(seen[0]?.raw ?? [], 'transfer-encoding'), 'chunked');
  assert.equal(seen[0]?.body, '{"a":1}');
});

test('HEAD and OPTIONS are sent as such, and a malformed %-escape in the path as written', async () => {
  seen = [];
  const head = await send({ method: 'HEAD', url: `${base}/api/v1/chats/%zz/messages?q=%zz` });
  await send({ method: 'OPTIONS' });
  assert.deepEqual(seen.map((s) => [s.method, s.url]), [['HEAD', '/api/v1/chats/%zz/messages?q=%zz'], ['OPTIONS', '/x']]);
  assert.equal(head.text, '', 'a HEAD answer has no body');
});

test('a DELETE or OPTIONS with a body gets its Content-Length (Node sets it only for POST, PUT, PATCH)', async () => {
  seen = [];
  await send({ method: 'DELETE', body: Buffer.from('{"a":1}') });
  await send({ method: 'OPTIONS', body: Buffer.from('{}') });
  assert.deepEqual(seen.map((s) => [s.method, value(s.raw, 'content-length'), s.body]), [['DELETE', '7', '{"a":1}'], ['OPTIONS', '2', '{}']]);
});
