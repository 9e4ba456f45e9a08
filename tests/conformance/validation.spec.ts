// Request validation on the create (https://docs.trychert.com/api/errors): a field of the wrong
// type is 400 / 1002, a malformed phone 1003, nothing of either ever a 5xx or a created chat.
// Where the docs leave the answer open (specs/open-choices.yaml), every reading's answer passes.
import { anyOf, rejectedWith, spanning, SUCCESS } from '../../src/checks/expected.ts';
import { eachCase, expect, repeatOnLostConnection, req, test } from '../fixtures/index.ts';
import { createBody, fictionalTo, text, uniqueText } from '../fixtures/bodies.ts';

type ErrorBody = { error?: { message?: unknown } };

/** A create from the tenant's line to `to` fictional numbers with this message. */
const withMessage = (from: unknown, message: Record<string, unknown>, to = 1) => ({ from, to: fictionalTo(to), message });

// Each form of a field of the wrong type (or an empty value the schema forbids) on the create, side
// by side; never a created chat.
test('a field of the wrong type (a listed url or from, a nested to entry, a numeric subject or idempotency_key) or an empty attachment_id is refused (6 forms)', req('CHAT-FIELD-TYPES'), async ({ chert, settings }) => repeatOnLostConnection(async () => eachCase([
  // A rich link's url is a string; a list holding a URL is a wrong type. (Mutant: the URL test
  // that accepted non-strings.)
  { label: 'a rich link whose url is a list', run: async () => {
    const parts = [text(uniqueText('listed url')), { type: 'rich_link', url: ['https://example.com/listed'] }];
    expect(await chert.create(withMessage(settings.tenant.from, { parts })), 'a rich link whose url is a list').toBeChertError(400, 1002);
  } },
  // A list where the `from` string belongs is a wrong type (1002), or read as a bad phone (1003), or
  // looked up among the tenant's lines first and not found (2006, from-format-vs-ownership); never a
  // created chat. (Mutant: the string check on `from` dropped.)
  { label: 'a from given as a list holding the tenant line', run: async () => {
    const res = await chert.create(withMessage([settings.tenant.from], { parts: [text(uniqueText('listed from'))] }));
    expect(res, 'a from given as a list holding the tenant line').toAnswer(spanning(anyOf(rejectedWith(400, [1002, 1003]), rejectedWith([403, 400], 2006)), 'from-format-vs-ownership', 'from-unassigned-status'));
  } },
  // `to` is a list of strings; a list nested inside it is a wrong type or a bad phone. (Mutants: the
  // every-string check on `to` dropped, or reading `some`.)
  { label: 'a to list holding a nested list', run: async () => {
    const [first, second] = fictionalTo(2) as [string, string];
    expect(await chert.create({ from: settings.tenant.from, to: [first, [second]], message: { parts: [text(uniqueText('nested to'))] } }), 'a to list holding a nested list').toBeChertError(400, [1002, 1003]);
  } },
  // message.subject and message.idempotency_key are strings; a number in either is an invalid field
  // value. The subject goes to a group, where it is read under every reading (a 1:1 chat may ignore
  // it: subject-on-direct-chat). (Mutants: the type checks of the optional fields dropped.)
  ...([['subject', 123, 2], ['idempotency_key', 42, 1]] as const).map(([field, value, to]) => ({ label: `a message.${field} that is a number`, run: async () => {
    const res = await chert.create(withMessage(settings.tenant.from, { parts: [text(uniqueText(`number ${field}`))], [field]: value }, to));
    expect(res, `a message.${field} that is a number`).toBeChertError(400, 1002);
  } })),
  // A media part's attachment_id names an upload: an empty one names none. It is an invalid value
  // (400 / 1002), or an attachment not found (404 / 5001) where the server looks it up first;
  // never a send. (Mutant: the non-empty check on attachment_id dropped.)
  { label: 'a media part with an empty attachment_id', run: async () => {
    const parts = [text(uniqueText('empty attachment')), { type: 'media', attachment_id: '' }];
    const res = await chert.create(withMessage(settings.tenant.from, { parts }));
    expect(res, 'a media part with an empty attachment_id').toAnswer(spanning(anyOf(rejectedWith(400, 1002), rejectedWith(404, 5001)), 'followup-attachment-unuploaded'));
  } },
])));

// An empty parts list holds no part: missing (1001) or invalid (1002), as the docs leave it.
// (Mutant: the empty-list check dropped, which created a chat with no message.)
test('a create with an empty message.parts returns 400 with code 1001 or 1002', req('CHAT-FIELDS-REQUIRED'), async ({ chert, settings }) => repeatOnLostConnection(async () => {
  expect(await chert.create(createBody(settings.tenant.from, fictionalTo(1), { parts: [] }))).toBeChertError(400, [1001, 1002]);
}));

// null on an optional field may read as absent (a 2xx) or as a wrong type (400 / 1002); never a
// crash. A group, so the subject is read. (Mutant: the null-optional-500 fault on every request.)
test('a create whose message.subject is null is accepted or returns 400 with code 1002', req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings, sendTo }) => repeatOnLostConnection(async () => {
  const res = await chert.create({ from: settings.tenant.from, to: sendTo(2), message: { parts: [text(uniqueText('null subject'))], subject: null } });
  expect(res).toAnswer(anyOf(SUCCESS, rejectedWith(400, 1002)));
}));

// image_url and icon_url are documented optional fields of a rich link: a 1:1 first message that
// fills them with https URLs is valid. (Mutant: any image_url or icon_url refused.)
test('a 1:1 rich link with image_url and icon_url is accepted', req('CHAT-ONE-TO-ONE-RICH-LINK'), async ({ chert, settings, sendTo }) => repeatOnLostConnection(async () => {
  const link = { type: 'rich_link', url: 'https://example.com/preview', image_url: 'https://example.com/og.png', icon_url: 'https://example.com/favicon.ico' };
  expect(await chert.create({ from: settings.tenant.from, to: sendTo(1), message: { parts: [text(uniqueText('preview')), link] } })).toBeAccepted();
}));

// Every error carries a string `message` (/api/errors), including the errors whose text the
// server takes from its catalog. (Mutant: catalog messages dropped.)
test('a 2006 rejection carries a non-empty error message', req('ERR-ENVELOPE'), async ({ chert }) => repeatOnLostConnection(async () => {
  const res = await chert.create(createBody('+14155550123', fictionalTo(1)));
  expect(res).toBeRejected();
  const message = (res.json as ErrorBody | undefined)?.error?.message;
  expect(typeof message, `error.message in ${res.text.slice(0, 200)}`).toBe('string');
  expect(String(message).length).toBeGreaterThan(0);
}));
