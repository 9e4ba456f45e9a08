// The mock's successful creates: the documented body for 1:1 and group chats (contract §1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBody, createdOf, historyOf, probeMock, recipients, type MockClient } from './support/mock-probe.ts';
import type { RunningMock } from '../../src/mock/server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let mock: RunningMock;
let client: MockClient;

before(async () => ({ mock, client } = await probeMock()));
after(() => mock.close());

describe('create: success body', () => {
  it('one recipient creates a 1:1 chat with one handle and a null display_name', async () => {
    const res = await client.create(createBody(client.tenant, { to: ['+14155550123'], subject: 'ignored for 1:1' }));
    assert.equal(res.status, 201);
    const { chat, message } = createdOf(res);
    assert.equal(chat.is_group, false);
    assert.equal(chat.display_name, null);
    assert.deepEqual(chat.handles, [{ service: 'imessage', address: '+14155550123' }]);
    assert.equal(message.chat_id, chat.id);
  });

  it('two to 31 recipients create a group whose handles are `to` in order, without `from`', async () => {
    for (const to of [['+14155550150', '+14155550120'], recipients(31)]) {
      const { chat } = createdOf(await client.create(createBody(client.tenant, { to, subject: 'Launch' })));
      assert.equal(chat.is_group, true);
      assert.deepEqual(chat.handles.map((h) => h.address), to);
      assert.ok(chat.handles.every((h) => h.service === 'imessage'));
      assert.equal(chat.display_name, 'Launch');
    }
  });

  it("a group without a subject has a null display_name", async () => {
    const { chat } = createdOf(await client.create(createBody(client.tenant, { to: recipients(3) })));
    assert.equal(chat.display_name, null);
  });

  it('ids are a UUID and 32 lowercase hex; timestamps are ISO-8601 in UTC', async () => {
    const { chat, message } = createdOf(await client.create(createBody(client.tenant)));
    assert.match(chat.id, UUID);
    assert.match(message.id, /^[0-9a-f]{32}$/);
    assert.match(chat.created_at, ISO_UTC);
    assert.match(message.created_at, ISO_UTC);
    assert.ok(Number.isInteger(chat.health_score));
  });

  it('the first message is outbound, sent, undelivered and unread, on imessage', async () => {
    const { message } = createdOf(await client.create(createBody(client.tenant)));
    assert.deepEqual(
      { status: message.status, direction: message.direction, delivered_at: message.delivered_at, read_at: message.read_at, service: message.service },
      { status: 'sent', direction: 'outbound', delivered_at: null, read_at: null, service: 'imessage' },
    );
  });

  it('a 1:1 first message of text and a rich_link is accepted and echoed as sent', async () => {
    const parts = [
      { type: 'text', value: 'Hi Sam - got a minute?' },
      { type: 'rich_link', url: 'https://example.com/demo', title: 'Demo' },
    ];
    const res = await client.create(createBody(client.tenant, { parts }));
    assert.equal(res.status, 201);
    assert.deepEqual(createdOf(res).message.parts, parts);
  });

  it('a number outside North America is accepted as a recipient', async () => {
    const res = await client.create(createBody(client.tenant, { to: ['+447700900123'] }));
    assert.equal(res.status, 201);
  });

  it('the second tenant creates with its own line', async () => {
    const tenantB = client.tenants[1]!;
    const res = await client.create(createBody(tenantB), { kind: 'bearer', tenant: tenantB });
    assert.equal(res.status, 201);
  });

  it("a create puts its first message in the chat's history once", async () => {
    const { chat, message } = createdOf(await client.create(createBody(client.tenant)));
    const history = historyOf(await client.history(chat.id));
    assert.deepEqual(history.messages.map((m) => m.id), [message.id]);
    assert.equal(history.has_more, false);
  });

  it('every create counts one chat and one message in the stats', async () => {
    const before = mock.stats();
    await client.create(createBody(client.tenant));
    const stats = await client.send({ method: 'GET', path: '/__mock/stats', auth: { kind: 'none' } });
    assert.deepEqual(stats.json, { ...before, chatsCreated: before.chatsCreated + 1, messagesSent: before.messagesSent + 1, requests: before.requests + 1 });
  });
});
