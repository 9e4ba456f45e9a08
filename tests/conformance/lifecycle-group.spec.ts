// A group's name and roster, and the line leaving it (https://docs.trychert.com/api/group-chats/
// rename, add-participant, remove-participant, leave). Judged on fresh groups only (a target may
// return an existing chat for the same recipients) and under every reading of what the pages leave
// open: whether the roster lists the tenant's line, and by which handle (roster-lists-line);
// whether the line counts toward Apple's minimum of 3 (judged only at 2 and 4 members, where both
// readings agree); the id form the answers echo (id-echo-form: any non-empty id); how the icon is
// stored (rename-icon-handling); whether a PUT keeps the field it leaves out (rename-partial-update).
import { randomUUID } from 'node:crypto';
import { EACH_AUTH, eachAuthMode, eachCase, expect, repeatOnLostConnection, req, reqOn, test } from '../fixtures/index.ts';
import type { TestInfo } from '@playwright/test';
import type { ChertClient, ChertResponse } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { isClientError } from '../../src/checks/answer.ts';
import { unjudgedAnswer } from '../../src/checks/life.ts';
import { describeProblems } from '../../src/checks/problem.ts';
import { rosterProblem } from '../../src/checks/roster.ts';
import { fictionalEmail } from '../../src/domain/emails.ts';
import { judgedSuccess, lifeChat, newcomer, skipIfUnjudged } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Schemas = components['schemas'];
type Chat = Schemas['UpdateChatResponse']['chat'];

/** The roster holds these members once, none of `removed`, and nobody else but possibly the line. */
function expectRoster(requirement: string, what: string, listed: unknown, members: readonly string[], removed: readonly string[] = []): void {
  const found = rosterProblem(requirement, what, listed, members, removed);
  expect(found ? describeProblems([found]) : undefined).toBeUndefined();
}

/** A refusal of bad input: a 4xx with the error envelope, never a 5xx nor a success. */
function expectClientError(res: ChertResponse, what: string): void {
  const refused = res.status >= 400 && res.status < 500 && (res.json as { success?: unknown } | undefined)?.success === false;
  expect.soft(refused, `${what}: expected a 4xx with the error envelope\n  received HTTP ${res.status}: ${res.text.slice(0, 300)}`).toBe(true);
}

const isHttps = (value: unknown): boolean => typeof value === 'string' && value.startsWith('https://');

// --- rename ----------------------------------------------------------------------------------

/** What a RENAME-GROUP case needs: the client, the run's settings, the test. */
type RenameCase = (chert: ChertClient, settings: Settings, testInfo: TestInfo) => Promise<void>;

const trimsAndLastWins: RenameCase = async (chert, settings, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const first = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, await chert.updateChat(id, { display_name: '  Launch crew  ' }), 'UpdateChatResponse', 'the first rename');
  expect(first.chat, 'the first rename').toMatchObject({ display_name: 'Launch crew', is_group: true });
  const second = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, await chert.updateChat(id, { display_name: 'Final name' }), 'UpdateChatResponse', 'the second rename');
  expect(second.chat.display_name, 'the second rename').toBe('Final name');
};

// The page takes an https `group_chat_icon` and answers the chat with it. A server may store it as
// sent, answer its own copy (another https URL), or refuse an image it cannot fetch (these
// example.com images do not exist) with the page's 502 / 4001, "rename or icon update rejected":
// that refusal is unjudged (judgedSuccess); any other refusal of an https icon breaks the page.
const httpsIcons: RenameCase = async (chert, settings, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const echoed: unknown[] = [];
  for (const icon of ['https://example.com/chert-icon-first.png', 'https://example.com/chert-icon-second.png']) {
    const res = await chert.updateChat(id, { display_name: 'Icon crew', group_chat_icon: icon });
    const { chat } = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, res, 'UpdateChatResponse', `the rename with ${icon}`);
    expect(chat, `after setting ${icon}`).toMatchObject({ display_name: 'Icon crew', is_group: true });
    expect(isHttps(chat.group_chat_icon), `group_chat_icon after setting ${icon}: ${JSON.stringify(chat.group_chat_icon)}`).toBe(true);
    echoed.push(chat.group_chat_icon);
  }
  // Stored as sent, the second answer names the second icon; rehosted copies cannot be compared.
  if (echoed[0] === 'https://example.com/chert-icon-first.png') expect(echoed[1], 'the last icon written').toBe('https://example.com/chert-icon-second.png');
};

// "Supplying both applies both." Whether an icon that is not https is refused or taken is open
// (rename-icon-scheme), and a taken one may be stored as sent, rehosted or refused as unfetchable
// (rename-icon-handling): a refusal passes, a 2xx must carry both the name and an icon.
const nameAndHttpIcon: RenameCase = async (chert, settings, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const res = await chert.updateChat(id, { display_name: 'Both fields', group_chat_icon: 'http://example.com/chert-icon-http.png' });
  if (isClientError(res)) return;
  const { chat } = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, res, 'UpdateChatResponse', 'the rename with a name and an http icon');
  expect(chat.display_name, 'the rename with a name and an http icon').toBe('Both fields');
  expect(typeof chat.group_chat_icon === 'string' && chat.group_chat_icon !== '', `group_chat_icon after a rename with both fields: ${JSON.stringify(chat.group_chat_icon)}`).toBe(true);
};

// Each field is optional and the last write wins; whether a PUT that leaves one out keeps it or
// clears it is open (rename-partial-update): kept, or null, never anything else.
const oneFieldAtATime: RenameCase = async (chert, settings, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const named = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, await chert.updateChat(id, { display_name: 'Before icon' }), 'UpdateChatResponse', 'the rename');
  expect(named.chat.display_name, 'the rename before the icon').toBe('Before icon');
  const iconRes = await chert.updateChat(id, { group_chat_icon: 'https://example.com/chert-icon-only.png' });
  const iconOnly: Chat = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, iconRes, 'UpdateChatResponse', 'the icon-only update').chat;
  expect([iconOnly.display_name === 'Before icon', iconOnly.display_name === null], `display_name after an icon-only update: ${JSON.stringify(iconOnly.display_name)}`).toContain(true);
  expect(isHttps(iconOnly.group_chat_icon), `group_chat_icon after an icon-only update: ${JSON.stringify(iconOnly.group_chat_icon)}`).toBe(true);
  const nameOnly: Chat = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, await chert.updateChat(id, { display_name: 'After icon' }), 'UpdateChatResponse', 'the name-only update').chat;
  expect(nameOnly.display_name, 'the name-only update').toBe('After icon');
  expect([nameOnly.group_chat_icon === iconOnly.group_chat_icon, nameOnly.group_chat_icon === null], `group_chat_icon after a name-only update: ${JSON.stringify(nameOnly.group_chat_icon)}`).toContain(true);
};

// Each on a group of its own, side by side; the trim and last-write case under both auth modes.
test('a rename trims the name and the last write wins, for names, https icons, both fields at once and one field at a time', req('RENAME-GROUP', EACH_AUTH), async ({ chert, settings }, testInfo) => repeatOnLostConnection(async () => eachCase([
  { label: 'a rename trims the name, and the last of two renames wins', run: () => eachAuthMode(chert, (client) => trimsAndLastWins(client, settings, testInfo)) },
  { label: 'a rename with an https group_chat_icon answers an https icon, and the last of two icons wins', run: () => httpsIcons(chert, settings, testInfo) },
  { label: 'a rename with a name and an http icon applies both or is refused, never the name alone', run: () => nameAndHttpIcon(chert, settings, testInfo) },
  { label: 'a rename with only an icon leaves the name as it was or clears it, and one with only a name does the same to the icon', run: () => oneFieldAtATime(chert, settings, testInfo) },
])));

test('a display_name of spaces only returns 400', req('RENAME-EMPTY', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const res = await chert.updateChat(id, { display_name: '   ' });
  skipIfUnjudged(testInfo, res, 'the rename');
  expect(res.status, res.text.slice(0, 200)).toBe(400);
})));

test('renaming a 1:1 chat returns 400 with code 1006', req('RENAME-DIRECT-CHAT', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  expect(await chert.updateChat(id, { display_name: 'Not a group' })).toBeChertError(400, 1006);
})));

// --- participants ----------------------------------------------------------------------------

test('adding a number returns it as added, and a roster with every member and the newcomer', req('PARTICIPANT-ADD', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 2);
  const added = newcomer(to);
  const body = judgedSuccess<Schemas['AddParticipantResponse']>(testInfo, await chert.addParticipant(id, { address: added }), 'AddParticipantResponse', 'the add');
  expect(body.added).toBe(added);
  expectRoster('PARTICIPANT-ADD', 'after the add', body.participants, [...to, added]);
})));

test('adding an email address returns it as added and in the roster, up to case', req('PARTICIPANT-ADD-EMAIL', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 2);
  const address = fictionalEmail(randomUUID().slice(0, 8));
  const body = judgedSuccess<Schemas['AddParticipantResponse']>(testInfo, await chert.addParticipant(id, { address }), 'AddParticipantResponse', 'the add');
  expect(body.added.toLowerCase(), '`added`, lowercased').toBe(address.toLowerCase());
  expectRoster('PARTICIPANT-ADD-EMAIL', 'after the add', body.participants, [...to, address]);
})));

test('adding the same number twice, the second time as `handle`, is a no-op that lists it once', req('PARTICIPANT-ADD-TWICE', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 2);
  const added = newcomer(to);
  judgedSuccess(testInfo, await chert.addParticipant(id, { address: added }), 'AddParticipantResponse', 'the first add');
  const again = judgedSuccess<Schemas['AddParticipantResponse']>(testInfo, await chert.addParticipant(id, { handle: added }), 'AddParticipantResponse', 'the second add');
  expectRoster('PARTICIPANT-ADD-TWICE', 'after adding a member again', again.participants, [...to, added]);
})));

test('an add without an address returns 400 with code 1001', req('PARTICIPANT-ADD-MISSING', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const res = await chert.addParticipant(id, {});
  skipIfUnjudged(testInfo, res, 'the add');
  expect(res).toBeChertError(400, 1001);
})));

// An email added to a group is a member like a number, so removing it (by the address the add
// returned, URL-encoded) succeeds; 4 numbers plus the email keep 3 whether or not the line counts.
test('a member removed from a 4-member group, or an added email removed again, leaves the roster', req('PARTICIPANT-REMOVE', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 4);
  const [gone, ...kept] = to as [string, ...string[]];
  const body = judgedSuccess<Schemas['RemoveParticipantResponse']>(testInfo, await chert.removeParticipant(id, gone), 'RemoveParticipantResponse', 'the removal');
  expect(body.removed).toBe(gone);
  expectRoster('PARTICIPANT-REMOVE', 'after the removal', body.participants, kept, [gone]);
  const other = await lifeChat(chert, settings, testInfo, 4);
  const added = judgedSuccess<Schemas['AddParticipantResponse']>(testInfo, await chert.addParticipant(other.id, { address: fictionalEmail(randomUUID().slice(0, 8)) }), 'AddParticipantResponse', 'the add of an email').added;
  const removed = judgedSuccess<Schemas['RemoveParticipantResponse']>(testInfo, await chert.removeParticipant(other.id, added), 'RemoveParticipantResponse', 'the removal of the email');
  expect(removed.removed.toLowerCase(), '`removed`, lowercased').toBe(added.toLowerCase());
  expectRoster('PARTICIPANT-REMOVE', 'after the email\'s removal', removed.participants, other.to, [added]);
})));

test('removing the same member twice returns 400 with code 1001 the second time', req('PARTICIPANT-REMOVE-TWICE', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 5);
  judgedSuccess(testInfo, await chert.removeParticipant(id, to[0] as string), 'RemoveParticipantResponse', 'the first removal');
  expect(await chert.removeParticipant(id, to[0] as string)).toBeChertError(400, 1001);
})));

test('a removal from a group of 2 members returns 400 with code 1002', req('PARTICIPANT-GROUP-FLOOR', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 2);
  const res = await chert.removeParticipant(id, to[0] as string);
  skipIfUnjudged(testInfo, res, 'the removal');
  expect(res).toBeChertError(400, 1002);
})));

// Contract 1c: group operations on a 1:1 chat are 1006 (a removal would break the size floor as
// well; the contract's resolution stands).
test('adding to or removing from a 1:1 chat returns 400 with code 1006', reqOn('PARTICIPANT-DIRECT-CHAT', ['addParticipant', 'removeParticipant'], EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 1);
  expect.soft(await chert.addParticipant(id, { address: newcomer(to) }), 'add').toBeChertError(400, 1006);
  expect.soft(await chert.removeParticipant(id, to[0] as string), 'remove').toBeChertError(400, 1006);
})));

// --- bad input -------------------------------------------------------------------------------

// Bad bodies and paths on the group routes: refused with a 4xx in the envelope, or (a lenient
// server, life-body-leniency) taken without harm: never a 5xx, never the bad value stored. A PUT
// that a lenient server reads as naming neither field may keep the chat as it was or, replacing
// it (rename-partial-update), clear it.
test('bad input on the rename and participant routes is refused with a 4xx or ignored, never stored', reqOn('CHAT-BAD-INPUT-NO-5XX', ['updateChat', 'addParticipant', 'removeParticipant'], EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 4);
  const before = judgedSuccess<Schemas['UpdateChatResponse']>(testInfo, await chert.updateChat(id, { display_name: 'Before bad input' }), 'UpdateChatResponse', 'the rename').chat;
  for (const [what, body] of [['group_chat_icon ["https://…"]', { group_chat_icon: ['https://example.com/chert-icon.png'] }], ['a body of null', 'null']] as const) {
    const res = await chert.updateChat(id, body);
    if (res.status < 200 || res.status >= 300) {
      expectClientError(res, what);
      continue;
    }
    const after = (res.json as Schemas['UpdateChatResponse']).chat;
    for (const key of ['display_name', 'group_chat_icon'] as const) expect.soft([before[key], null], `${key} after ${what}, taken`).toContain(after?.[key]);
  }
  // 14155550123 read as a number is +1 415 555 0123, a fictional number: adding it harms no one.
  const numeric = await chert.addParticipant(id, { address: 14155550123 });
  if (numeric.status >= 200 && numeric.status < 300) expect.soft((numeric.json as Schemas['AddParticipantResponse']).added, 'address 14155550123, taken').toBe('+14155550123');
  else if (!unjudgedAnswer(numeric)) expectClientError(numeric, 'address 14155550123 (a number)');
  // Neither an E.164 number nor an email: a 4xx (1003, 1002 or 1001, as participant-address-invalid-code
  // reads it), never a 5xx. (A malformed email is not sent: the live guard cannot tell it is fictional.)
  expectClientError(await chert.addParticipant(id, { address: 'not-an-address' }), 'address "not-an-address"');
  // A path segment that is not valid percent-encoding names no participant: refused, removing no one.
  expectClientError(await chert.send({ method: 'DELETE', path: `/api/v1/chats/${encodeURIComponent(id)}/participants/%ZZ` }), 'DELETE …/participants/%ZZ');
  const roster = judgedSuccess<Schemas['AddParticipantResponse']>(testInfo, await chert.addParticipant(id, { address: to[0] }), 'AddParticipantResponse', 're-adding a member').participants;
  expect(roster.filter((a) => to.includes(a)).sort(), 'the members after the refused removal').toEqual([...to].sort());
})));

// --- leave -----------------------------------------------------------------------------------

test('leaving a group of 4 members returns status left', req('LEAVE-GROUP', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 4);
  const body = judgedSuccess<Schemas['LeaveChatResponse']>(testInfo, await chert.leave(id), 'LeaveChatResponse', 'the leave');
  expect(body.status).toBe('left');
})));

test('leaving a group twice returns 400 with code 1006 the second time', req('LEAVE-TWICE', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 4);
  judgedSuccess(testInfo, await chert.leave(id), 'LeaveChatResponse', 'the first leave');
  expect(await chert.leave(id)).toBeChertError(400, 1006);
})));

test('leaving a group of 2 members returns 400 with code 1002', req('LEAVE-GROUP-FLOOR', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const res = await chert.leave(id);
  skipIfUnjudged(testInfo, res, 'the leave');
  expect(res).toBeChertError(400, 1002);
})));

test('leaving a 1:1 chat returns 400 with code 1006', req('LEAVE-DIRECT-CHAT', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  expect(await chert.leave(id)).toBeChertError(400, 1006);
})));
