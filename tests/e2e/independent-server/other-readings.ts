// The other readings of the register's choices (specs/open-choices.yaml: auth, create,
// idempotency, history, life) that the independent server takes in one run of
// tests/e2e/independent-server.test.ts: the register's choice and reading, the options that make
// the server take it, and a probe. A probe is a short
// exchange whose outcome differs between the server's default and that reading, so a test proves
// each option really moves the server (an option that changes nothing would prove nothing).
// Round 2 holds the second other reading of a choice where the server has one, for a run of its own.
// Left out: readings the suite has nothing to judge under (delivery refused-sync,
// line-ready-after-delivery), rename-icon-handling fetched-refused (it leaves the icon checks
// unjudged: a test of its own) and edit-window-code (its check needs the mock's clock).
import { MOCK_DEFAULTS } from '../../../src/config/settings.ts';
import { MAX_SKEW_SECONDS, nowSeconds, signatureHeader } from '../../../src/domain/hmac.ts';
import { fictionalRecipients } from '../../../src/domain/phones.ts';
import type { OtherReadings } from './readings.ts';
import type { ServerOptions } from './server.ts';

type Answer = { status: number; json: Record<string, unknown> };
/** Sends one request and reads the answer: as the mock tenant with its bearer secret, or with the credential headers given. */
export type Call = (method: string, path: string, body?: unknown, credentials?: Record<string, string>) => Promise<Answer>;
/** What the probe saw, as a short string: it must differ between the default and the reading. */
export type Probe = (call: Call) => Promise<string>;
/** Round 2 holds a choice's second other reading, taken in a run of its own (`allOtherReadings(2)`). */
export type OtherReading = { choice: string; reading: string; options: ServerOptions; probe: Probe; round?: 2 };

const FROM = MOCK_DEFAULTS.tenant.from;
let drawn = 0;
/** Fresh fictional recipients per call, so probes never meet each other's chats. */
const to = (count: number) => {
  drawn += count;
  return fictionalRecipients(count, 200 + (drawn % 700));
};
const text = (value = 'probe') => ({ type: 'text', value });
const link = (url = 'https://example.com/probe') => ({ type: 'rich_link', url });
const create = (call: Call, recipients: string[], message: Record<string, unknown>, from: unknown = FROM, credentials?: Record<string, string>) =>
  call('POST', '/api/v1/chats', { from, to: recipients, message: { parts: [text()], ...message } }, credentials);

/** Status and error code: what most readings change. */
const outcome = ({ status, json }: Answer) => `${status} ${String((json.error as { code?: unknown } | undefined)?.code ?? '')}`;
const sent = (call: Call, recipients: string[], message: Record<string, unknown> = {}) => create(call, recipients, message).then(outcome);
/** The outcome and one field of the chat created, if any. */
const chatField = (call: Call, recipients: string[], message: Record<string, unknown>, name: string) =>
  create(call, recipients, message).then((answer) => `${outcome(answer)} ${JSON.stringify((answer.json.chat as Record<string, unknown> | undefined)?.[name])}`);

/** A chat created for a probe of the routes after creation: its id and first message's id. */
async function chat(call: Call, members: number): Promise<{ id: string; messageId: string }> {
  const { json } = await create(call, to(members), members > 1 ? { subject: 'probe' } : {});
  return { id: (json.chat as { id: string }).id, messageId: (json.message as { id: string }).id };
}
const chatPath = (id: string, rest = '') => `/api/v1/chats/${encodeURIComponent(id)}${rest}`;

/** A number twice among the recipients: the outcome and how many handles the chat has. */
function twice(call: Call): Promise<string> {
  const [a, b] = to(2) as [string, string];
  return create(call, [a, a, b], {}).then((answer) => `${outcome(answer)} ${String((answer.json.chat as { handles?: unknown[] } | undefined)?.handles?.length)}`);
}

/** A 1:1 create with a string subject, then with a number for one. */
async function directSubjects(call: Call): Promise<string> {
  return `${await sent(call, to(1), { subject: 'a 1:1 subject' })} / ${await sent(call, to(1), { subject: 5 })}`;
}

/** One keyed follow-up sent twice to a new chat: deduplicated (one message) or not. */
async function keyedFollowUpTwice(call: Call): Promise<string> {
  const { id } = await chat(call, 1);
  const body = { message: { parts: [text('keyed')], idempotency_key: `probe-follow-up-${drawn}` } };
  const ids = [];
  for (let i = 0; i < 2; i++) ids.push(((await call('POST', chatPath(id, '/messages'), body)).json.message as { id: string }).id);
  return ids[0] === ids[1] ? 'one message' : 'two messages';
}

/** After the line left a group: a history read, then a follow-up. */
async function afterLeaving(call: Call): Promise<string> {
  const { id } = await chat(call, 4);
  await call('POST', chatPath(id, '/leave'));
  return `${outcome(await call('GET', chatPath(id, '/messages')))} / ${outcome(await call('POST', chatPath(id, '/messages'), { message: { parts: [text('after leaving')] } }))}`;
}

const { slug: SLUG, secret: SECRET } = MOCK_DEFAULTS.tenant;
/** Signed credentials for `body`, at `timestamp`. */
const signed = (body: unknown, timestamp = nowSeconds()) => ({ 'x-chert-tenant': SLUG, 'x-chert-signature': signatureHeader(SECRET, JSON.stringify(body), timestamp) });
/** A create signed exactly 300 s ago, sent again should the clock's second turn before the answer (301 s is stale under every reading). */
async function signedAtTheEdge(call: Call): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const body = { from: FROM, to: to(1), message: { parts: [text()] } };
    const at = nowSeconds();
    const answer = await call('POST', '/api/v1/chats', body, signed(body, at - MAX_SKEW_SECONDS));
    if (nowSeconds() === at || attempt === 3) return outcome(answer);
  }
}
/** A valid create, signed once and sent twice with that one signature. */
async function signedTwice(call: Call): Promise<string> {
  const body = { from: FROM, to: to(1), message: { parts: [text()], idempotency_key: `probe-signed-${drawn}` } };
  const credentials = signed(body);
  return `${outcome(await call('POST', '/api/v1/chats', body, credentials))} / ${outcome(await call('POST', '/api/v1/chats', body, credentials))}`;
}
/** A create under each Authorization header given (no tenant header): their outcomes. */
async function bearers(call: Call, headers: string[]): Promise<string> {
  const outcomes = [];
  for (const authorization of headers) outcomes.push(outcome(await create(call, to(1), {}, FROM, { authorization })));
  return outcomes.join(' / ');
}
const LENIENT_BEARERS = [`Bearer ${SECRET} extra`, `Token Bearer ${SECRET}`];

const r = (readings: OtherReadings): ServerOptions => ({ readings });

export const OTHER_READINGS: OtherReading[] = [
  // Refused on a repeat of the same request only: refused on any request, a bodyless request's
  // signature (over `ts.` alone) is spent for every path in that second, and the suite fails it today.
  { choice: 'signature-replay', reading: 'reuse-refused', options: r({ signatureReuseRefused: 'same-request' }), probe: (c) => signedTwice(c) },
  { choice: 'skew-boundary', reading: 'exclusive', options: r({ skewExclusive: true }), probe: (c) => signedAtTheEdge(c) },
  {
    choice: 'signature-and-bearer-fallback', reading: 'fallback', options: r({ signatureFallback: true }),
    probe: (c) => create(c, to(1), {}, FROM, { ...signed({ another: 'body' }), authorization: `Bearer ${SECRET}` }).then(outcome),
  },
  { choice: 'bearer-token-letter-case', reading: 'hex-value', options: r({ bearerHexValue: true }), probe: (c) => bearers(c, [`Bearer ${SECRET.toUpperCase()}`]) },
  { choice: 'bearer-header-lenient-parsing', reading: 'refused-400', options: r({ bearerLenient: 'refused-400' }), probe: (c) => bearers(c, LENIENT_BEARERS) },
  { choice: 'bearer-header-lenient-parsing', reading: 'first-token', options: r({ bearerLenient: 'first-token' }), probe: (c) => bearers(c, LENIENT_BEARERS), round: 2 },
  {
    choice: 'bearer-with-other-tenant-header', reading: 'header-ignored', options: r({ bearerIgnoresTenantHeader: true }),
    probe: (c) => create(c, to(1), {}, FROM, { authorization: `Bearer ${SECRET}`, 'x-chert-tenant': 'no-such-tenant' }).then(outcome),
  },
  { choice: 'success-status', reading: 'accepted-202', options: r({ successStatus: 202 }), probe: (c) => sent(c, to(1)) },
  { choice: 'recipients-over-max-status', reading: 'catalog-400', options: r({ recipientsOverMaxStatus: 400 }), probe: (c) => sent(c, to(32)) },
  { choice: 'group-media-first-status', reading: 'catalog-422', options: r({ groupMediaFirstStatus: 422 }), probe: (c) => sent(c, to(2), { parts: [text(), link()] }) },
  { choice: 'from-unassigned-status', reading: 'catalog-400', options: r({ fromUnassignedStatus: 400 }), probe: (c) => create(c, to(1), {}, MOCK_DEFAULTS.tenantB.from).then(outcome) },
  { choice: 'from-format-vs-ownership', reading: 'lookup-first', options: r({ fromLookupFirst: true }), probe: (c) => create(c, to(1), {}, 'not a number').then(outcome) },
  { choice: 'from-in-to', reading: 'rejected', options: r({ fromInTo: 'rejected' }), probe: (c) => sent(c, [FROM, ...to(1)]) },
  { choice: 'to-duplicates', reading: 'rejected', options: r({ toDuplicates: 'rejected' }), probe: (c) => twice(c) },
  { choice: 'to-duplicates', reading: 'deduplicated', options: r({ toDuplicates: 'deduplicated' }), probe: (c) => twice(c), round: 2 },
  { choice: 'to-empty', reading: 'invalid-1002', options: r({ emptyTo: 'invalid-1002' }), probe: (c) => sent(c, []) },
  { choice: 'group-rule-before-part-shape', reading: 'group-rule-first', options: r({ groupRuleFirst: true }), probe: (c) => sent(c, to(2), { parts: [text(), { type: 'media' }] }) },
  { choice: 'text-empty', reading: 'accepted', options: r({ emptyText: 'accepted' }), probe: (c) => sent(c, to(1), { parts: [text('')] }) },
  { choice: 'text-empty', reading: 'missing-1001', options: r({ emptyText: 'missing-1001' }), probe: (c) => sent(c, to(1), { parts: [text('')] }), round: 2 },
  { choice: 'text-length-limit', reading: 'limit-1009', options: r({ textMaxLength: 1600 }), probe: (c) => sent(c, to(1), { parts: [text('x'.repeat(1601))] }) },
  { choice: 'text-length-limit', reading: 'subject-1002', options: r({ subjectMaxLength: 64 }), probe: (c) => sent(c, to(2), { subject: 's'.repeat(65) }) },
  { choice: 'subject-blank', reading: 'rejected', options: r({ subjectBlank: 'rejected' }), probe: (c) => chatField(c, to(2), { subject: '   ' }, 'display_name') },
  { choice: 'subject-blank', reading: 'absent', options: r({ subjectBlank: 'absent' }), probe: (c) => chatField(c, to(2), { subject: '   ' }, 'display_name'), round: 2 },
  { choice: 'subject-on-direct-chat', reading: 'rejected', options: r({ subjectOnDirectChat: 'rejected' }), probe: (c) => directSubjects(c) },
  { choice: 'subject-on-direct-chat', reading: 'ignored-unchecked', options: r({ subjectOnDirectChat: 'ignored-unchecked' }), probe: (c) => directSubjects(c), round: 2 },
  { choice: 'rich-link-url-scheme', reading: 'https-only', options: r({ richLinkHttpsOnly: true }), probe: (c) => sent(c, to(1), { parts: [text(), link('http://example.com/plain')] }) },
  { choice: 'rich-link-url-validation', reading: 'passed-through', options: r({ richLinkUnparsed: true }), probe: (c) => sent(c, to(1), { parts: [text(), link('not a url')] }) },
  {
    choice: 'rich-link-url-normalised', reading: 'normalised', options: r({ richLinkNormalised: true }),
    probe: async (c) => {
      const { json } = await create(c, to(1), { parts: [text(), link('HTTPS://Example.COM/a/../b')] });
      const history = await c('GET', chatPath((json.chat as { id: string }).id, '/messages'));
      return JSON.stringify((history.json.messages as { parts: unknown[] }[])[0]?.parts[1]);
    },
  },
  { choice: 'rich-link-count', reading: 'one', options: r({ oneRichLink: true }), probe: (c) => sent(c, to(1), { parts: [text(), link(), link('https://example.org/')] }) },
  { choice: 'text-parts-nonadjacent', reading: 'one-text-part', options: r({ oneTextPart: true }), probe: (c) => sent(c, to(1), { parts: [text(), link(), text('again')] }) },
  // 11 parts, 5 of them links: too many, unless links are not counted.
  { choice: 'parts-cap', reading: 'links-excluded', options: r({ partsCapExcludesLinks: true }), probe: (c) => sent(c, to(1), { parts: Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? text(`t${i}`) : link())) }) },
  { choice: 'parts-cap', reading: 'status-422', options: r({ partsCapStatus: 422 }), probe: (c) => sent(c, to(1), { parts: Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? text(`t${i}`) : link())) }) },
  {
    choice: 'body-size-limit', reading: 'smaller-limit', options: { maxBodyBytes: 64 * 1024, readings: { bodyTooLarge: 'envelope-400' } },
    probe: (c) => c('POST', '/api/v1/chats', { from: FROM, to: to(1), message: { parts: [text()] }, padding: 'x'.repeat(100 * 1024) }).then(outcome),
  },
  {
    choice: 'idem-key-other-body', reading: 'new-request', options: r({ idemKeyOtherBody: 'new-request' }),
    probe: async (c) => {
      const recipients = to(1);
      const key = `probe-other-body-${drawn}`;
      await create(c, recipients, { idempotency_key: key });
      return outcome(await create(c, recipients, { idempotency_key: key, parts: [text('another body')] }));
    },
  },
  {
    choice: 'idem-key-other-body', reading: 'original-returned', options: r({ idemKeyOtherBody: 'original-returned' }), round: 2,
    probe: async (c) => {
      const recipients = to(1);
      const key = `probe-other-body-${drawn}`;
      const first = await create(c, recipients, { idempotency_key: key });
      const second = await create(c, recipients, { idempotency_key: key, parts: [text('another body')] });
      return `${outcome(second)} ${String(JSON.stringify(second.json.message) === JSON.stringify(first.json.message))}`;
    },
  },
  {
    choice: 'idem-concurrent-duplicate', reading: 'wait', options: r({ inFlightDuplicateWaits: true }),
    probe: async (c) => {
      const recipients = to(1);
      const key = `probe-in-flight-${drawn}`;
      // Four at once, so some overlap the first's 20 ms send however the connections are scheduled.
      const answers = await Promise.all([0, 1, 2, 3].map(() => create(c, recipients, { idempotency_key: key })));
      return answers.some((a) => a.status === 409) ? 'a duplicate refused' : 'none refused';
    },
  },
  { choice: 'idem-key-format', reading: 'bounded', options: r({ idemKeyMaxLength: 45 }), probe: (c) => sent(c, to(1), { idempotency_key: 'k'.repeat(46) }) },
  {
    choice: 'followup-keyless-duplicates', reading: 'content-dedupe', options: r({ followUpDoubleSubmit: true }),
    probe: async (c) => {
      const { id } = await chat(c, 1);
      const ids = [];
      for (let i = 0; i < 2; i++) ids.push(((await c('POST', chatPath(id, '/messages'), { message: { parts: [text('twice')] } })).json.message as { id: string }).id);
      return ids[0] === ids[1] ? 'one message' : 'two messages';
    },
  },
  {
    choice: 'history-read-after-write', reading: 'eventual', options: r({ historyLagMs: 500 }),
    probe: async (c) => {
      const { id } = await chat(c, 1);
      return String(((await c('GET', chatPath(id, '/messages'))).json.messages as unknown[]).length);
    },
  },
  {
    choice: 'text-url-scope', reading: 'broad-every-message', options: r({ urlsEveryMessage: true }),
    probe: async (c) => outcome(await c('POST', chatPath((await chat(c, 1)).id, '/messages'), { message: { parts: [text('see example.com')] } })),
  },
  // Whole seconds: what lets the history sort ties by id.
  { choice: 'history-order-ties', reading: 'timestamp-order', options: r({ historyByTimestamp: true }), probe: async (c) => String(((await create(c, to(1), {})).json.message as { created_at: string }).created_at.length) },
  {
    choice: 'roster-lists-line', reading: 'listed-as-handle', options: r({ rosterLineAsHandle: true }),
    probe: async (c) => {
      const { id } = await chat(c, 3);
      const { json } = await c('POST', chatPath(id, '/participants'), { address: to(1)[0] });
      return String((json.participants as string[]).includes(FROM));
    },
  },
  { choice: 'mark-read-in-groups', reading: 'no-single-recipient', options: r({ groupMarkRead: '501-4099' }), probe: async (c) => outcome(await c('POST', chatPath((await chat(c, 2)).id, '/mark-read'))) },
  { choice: 'typing-in-groups', reading: 'direct-only', options: r({ groupTyping: '422-4099' }), probe: async (c) => outcome(await c('POST', chatPath((await chat(c, 2)).id, '/typing'), { state: 'typing' })) },
  { choice: 'typing-invalid-state', reading: 'rejected-other', options: r({ typingStateStatus: 422 }), probe: async (c) => outcome(await c('POST', chatPath((await chat(c, 1)).id, '/typing'), { state: 'dancing' })) },
  { choice: 'rename-trim-characters', reading: 'control-characters-refused', options: r({ renameControlRefused: true }), probe: async (c) => outcome(await c('PUT', chatPath((await chat(c, 2)).id), { display_name: 'tab\there' })) },
  { choice: 'participant-address-invalid-code', reading: 'missing', options: r({ participantWrongTypeMissing: true }), probe: async (c) => outcome(await c('POST', chatPath((await chat(c, 3)).id, '/participants'), { address: 5 })) },
  { choice: 'group-ops-after-leave', reading: 'chat-gone', options: r({ afterLeave: 'chat-gone' }), probe: (c) => afterLeaving(c) },
  { choice: 'group-ops-after-leave', reading: 'downstream-refused', options: r({ afterLeave: 'downstream-refused' }), probe: (c) => afterLeaving(c), round: 2 },
  {
    choice: 'retryable-route-override', reading: 'route-override', options: r({ editRefusalNotRetryable: true }),
    probe: async (c) => {
      const answer = await c('POST', `/api/v1/messages/${(await chat(c, 1)).messageId}/edit`, { new_text: 'edited', edited_part_index: 5 });
      return `${outcome(answer)} retryable ${String((answer.json.error as { retryable?: unknown } | undefined)?.retryable)}`;
    },
  },
  { choice: 'unknown-fields', reading: 'rejected', options: { strictFields: true }, probe: (c) => c('POST', '/api/v1/chats', { from: FROM, to: to(1), message: { parts: [text()] }, priority: 'high' }).then(outcome) },
  {
    choice: 'followup-idempotency-key', reading: 'dedupes-per-tenant', options: { followUpKeys: 'dedupe-tenant' },
    probe: (c) => keyedFollowUpTwice(c),
  },
  {
    choice: 'followup-idempotency-key', reading: 'dedupes-per-chat', options: { followUpKeys: 'dedupe' }, round: 2,
    probe: (c) => keyedFollowUpTwice(c),
  },
  {
    choice: 'chat-reuse-same-recipients', reading: 'reuse-direct', options: { reuseDirectChats: true },
    probe: async (c) => {
      const recipients = to(1);
      const ids = [];
      for (let i = 0; i < 2; i++) ids.push(((await create(c, recipients, {})).json.chat as { id: string }).id);
      return ids[0] === ids[1] ? 'one chat' : 'two chats';
    },
  },
];

/** The readings of one run: round 1, or round 2 with round 1's readings of the choices round 2 leaves alone. */
export function readingsOfRound(round: 1 | 2): OtherReading[] {
  const second = new Set(OTHER_READINGS.filter((e) => e.round === 2).map((e) => e.choice));
  return OTHER_READINGS.filter((e) => (round === 2 ? e.round === 2 || !second.has(e.choice) : e.round === undefined));
}

/** The server options of a round's readings, all at once (readings merged). */
export function allOtherReadings(round: 1 | 2 = 1): ServerOptions {
  return readingsOfRound(round).reduce<ServerOptions>((all, { options }) => ({ ...all, ...options, readings: { ...all.readings, ...options.readings } }), {});
}
