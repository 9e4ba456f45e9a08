// Checks on body reading, part validation and the error envelope that generated mutants of the
// mock showed missing (npm run mutation:generated): each follows from the contract, not from the
// mock, and passes on tests/e2e/independent-server too.
import { expect, req, repeatedAfterLostConnection, test } from '../fixtures/index.ts';
import { createBody, fictionalTo, text, uniqueText } from '../fixtures/bodies.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];
type ErrorBody = { error?: { code?: unknown; message?: unknown } };

const LONG_TEXT = 5000;

// The signature covers the raw bytes, so a body signed as sent is valid whatever its white space
// (/api/authentication). A few hundred KB of it reach the server in several reads; a server may
// refuse a body that large as a proxy would (413), but one it takes must parse it whole.
// (Mutants: a body reader that keeps only the first read, or miscounts the bytes it joins.)
// A key-less create (its exact bytes are what is judged) cannot be resent after a lost connection: repeated instead.
repeatedAfterLostConnection(() => {
  test('a create padded with 300 KB of JSON white space is read whole', req('AUTH-HMAC-RAW-BYTES'), async ({ chert, settings, sendTo }) => {
    const value = uniqueText('padded');
    const json = JSON.stringify(createBody(settings.tenant.from, sendTo(1), { parts: [text(value)] }));
    const res = await chert.create(`${json.slice(0, -1)}${' '.repeat(300 * 1024)}}`);
    test.skip(res.status === 413, 'the target refused the body size as a proxy would, so its reading cannot be judged');
    expect(res).toBeAccepted();
    expect((res.json as Created).message.parts).toEqual([{ type: 'text', value }]);
  });
});

// Text is sent as given (TEXT-NOT-ALTERED): a zero-width joiner is part of the text, not noise.
// (Mutant: the zero-width stripping fault applied to every request.)
test('a text holding zero-width characters is echoed with them', req('TEXT-NOT-ALTERED'), async ({ chert, settings, sendTo }) => {
  const value = `${uniqueText('zero')}\u200b\u200dwidth`;
  const res = await chert.create(createBody(settings.tenant.from, sendTo(1), { parts: [text(value)] }));
  expect(res).toBeAccepted();
  expect((res.json as Created).message.parts[0]).toEqual({ type: 'text', value });
});

// A long text may be refused for its length (400 / 1009, or 413 from a proxy, as the catalog
// note allows), but one that is taken is taken whole. (Mutant: the 4096-character cut applied
// to every request.)
test('a text of 5000 characters is echoed whole or refused, never cut', req('TEXT-NOT-ALTERED'), async ({ chert, settings, sendTo }) => {
  const value = `${uniqueText('long')} ${'a'.repeat(LONG_TEXT)}`;
  const res = await chert.create(createBody(settings.tenant.from, sendTo(1), { parts: [text(value)] }));
  const code = (res.json as ErrorBody | undefined)?.error?.code;
  test.skip(res.status === 413 || (res.status === 400 && code === 1009), `the target refused the length (HTTP ${res.status})`);
  expect(res).toBeAccepted();
  expect((res.json as Created).message.parts[0]).toEqual({ type: 'text', value });
}
);

// A rich link's url is a string (the spec's RichLinkPart); a list holding a URL is a wrong type,
// 400 / 1002. Rejected, so nothing is sent. (Mutant: the URL test that accepts non-strings.)
test('a rich link whose url is a list returns 400 with code 1002', req('CHAT-FIELD-TYPES'), async ({ chert, settings }) => {
  const parts = [text(uniqueText('listed url')), { type: 'rich_link', url: ['https://example.com/listed'] }];
  const res = await chert.create({ from: settings.tenant.from, to: fictionalTo(1), message: { parts } });
  expect(res).toBeChertError(400, 1002);
});

// image_url and icon_url are documented optional fields of a rich link: a 1:1 first message that
// fills them in with https URLs is valid. (Mutant: any image_url or icon_url refused.)
test('a 1:1 rich link with image_url and icon_url is accepted', req('CHAT-ONE-TO-ONE-RICH-LINK'), async ({ chert, settings, sendTo }) => {
  const link = { type: 'rich_link', url: 'https://example.com/preview', image_url: 'https://example.com/og.png', icon_url: 'https://example.com/favicon.ico' };
  const res = await chert.create({ from: settings.tenant.from, to: sendTo(1), message: { parts: [text(uniqueText('preview')), link] } });
  expect(res).toBeAccepted();
});

// A rich link's url is a URI (the spec's RichLinkPart: format uri); unlike a group icon (https
// only, /api/group-chats/rename) the docs restrict its scheme no further, so a plain http link is
// valid. (Mutant: the link test narrowed to https.)
test('a 1:1 rich link with an http url is accepted', req('CHAT-ONE-TO-ONE-RICH-LINK'), async ({ chert, settings, sendTo }) => {
  const link = { type: 'rich_link', url: 'http://example.com/plain' };
  const res = await chert.create({ from: settings.tenant.from, to: sendTo(1), message: { parts: [text(uniqueText('http link')), link] } });
  expect(res).toBeAccepted();
});

// The cap is "more than 10 parts" (the errors catalog), so exactly 10 are allowed: text and rich
// links alternate so no other part rule applies. (Mutant: the cap reading `< 10`.)
test('a 1:1 first message of exactly 10 parts is accepted', req('CHAT-PARTS-MAX'), async ({ chert, settings, sendTo }) => {
  const parts = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? text(uniqueText(`part ${i}`)) : { type: 'rich_link', url: `https://example.com/p${i}` }));
  const res = await chert.create({ from: settings.tenant.from, to: sendTo(1), message: { parts } });
  expect(res).toBeAccepted();
});

// Every error carries a string `message` (/api/errors), including the errors whose text the
// server takes from its catalog. (Mutant: catalog messages dropped.)
test('a 2006 rejection carries a non-empty error message', req('ERR-ENVELOPE'), async ({ chert }) => {
  const res = await chert.create(createBody('+14155550123', fictionalTo(1)));
  expect(res.status).toBeGreaterThanOrEqual(400);
  const message = (res.json as ErrorBody | undefined)?.error?.message;
  expect(typeof message, `error.message in ${res.text.slice(0, 200)}`).toBe('string');
  expect(String(message).length).toBeGreaterThan(0);
});

// A list where the `from` string belongs is a wrong type or a bad phone (1002 or 1003, the
// catalog's resolution), even when it holds the tenant's own line; never a sender check (2006)
// or a created chat. (Mutant: the string check on `from` dropped.)
test('a from given as a list holding the tenant line returns 400 with code 1002 or 1003', req('CHAT-FIELD-TYPES'), async ({ chert, settings }) => {
  const res = await chert.create({ from: [settings.tenant.from], to: fictionalTo(1), message: { parts: [text(uniqueText('listed from'))] } });
  const code = (res.json as ErrorBody | undefined)?.error?.code;
  expect(['400/1002', '400/1003'], `HTTP ${res.status}: ${res.text.slice(0, 200)}`).toContain(`${res.status}/${String(code)}`);
});

// `to` is a list of strings; a list nested inside it is a wrong type or a bad phone (1002 or
// 1003). (Mutants: the every-string check on `to` dropped, or reading `some`.)
test('a to list holding a nested list returns 400 with code 1002 or 1003', req('CHAT-FIELD-TYPES'), async ({ chert, settings }) => {
  const [first, second] = fictionalTo(2) as [string, string];
  const res = await chert.create({ from: settings.tenant.from, to: [first, [second]], message: { parts: [text(uniqueText('nested to'))] } });
  const code = (res.json as ErrorBody | undefined)?.error?.code;
  expect(['400/1002', '400/1003'], `HTTP ${res.status}: ${res.text.slice(0, 200)}`).toContain(`${res.status}/${String(code)}`);
});

// message.subject and message.idempotency_key are strings (the spec); a number in either is an
// invalid field value, 400 / 1002. (Mutants: the type checks of the optional fields dropped or
// their results ignored.)
// A key that is a number is no key: that create cannot be resent after a lost connection, so it is repeated instead.
repeatedAfterLostConnection(() => {
  for (const [field, value] of [['subject', 123], ['idempotency_key', 42]] as const) {
    test(`a create whose message.${field} is a number returns 400 with code 1002`, req('CHAT-FIELD-TYPES'), async ({ chert, settings }) => {
      const res = await chert.create({ from: settings.tenant.from, to: fictionalTo(1), message: { parts: [text(uniqueText(`number ${field}`))], [field]: value } });
      expect(res).toBeChertError(400, 1002);
    });
  }
});

// null on an optional field may read as absent (a 2xx) or as a wrong type (400 / 1002), the
// catalog's resolution; never a crash. (Mutants: the null-optional-500 fault applied to every request.)
test('a create whose message.subject is null is accepted or returns 400 with code 1002', req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings, sendTo }) => {
  const res = await chert.create({ from: settings.tenant.from, to: sendTo(1), message: { parts: [text(uniqueText('null subject'))], subject: null } });
  if (res.status < 300) expect(res).toBeAccepted();
  else expect(res).toBeChertError(400, 1002);
});
