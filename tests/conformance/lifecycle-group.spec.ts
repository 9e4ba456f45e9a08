// A group's name and roster, and the line leaving it (https://docs.trychert.com/api/group-chats/
// rename, add-participant, remove-participant, leave). Whether the roster lists the tenant's line,
// and whether the line counts toward Apple's minimum of 3, is not documented: rosters may hold the
// line, and the size floor is judged only on groups where both readings agree (2 and 4 members).
import { randomUUID } from 'node:crypto';
import { expect, req, RETRIES_AFTER_LOST_CONNECTION, test } from '../fixtures/index.ts';
import { fictionalEmail } from '../../src/domain/emails.ts';
import { expectSuccess, lifeChat, newcomer } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

// Its leaves and participant removals cannot be resent after a lost connection: such a test is repeated instead.
test.describe.configure({ retries: RETRIES_AFTER_LOST_CONNECTION });

type Schemas = components['schemas'];

/** Who a roster holds beyond `members` besides the tenant's line: must be nobody. */
const strangers = (roster: string[], members: string[], line: string) => roster.filter((a) => !members.includes(a) && a !== line);

// --- rename ----------------------------------------------------------------------------------

test('a rename trims the name, and the last of two renames wins', req('RENAME-GROUP'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const first = expectSuccess<Schemas['UpdateChatResponse']>(await chert.updateChat(id, { display_name: '  Launch crew  ' }), 'UpdateChatResponse');
  expect(first.chat).toMatchObject({ id, display_name: 'Launch crew', is_group: true });
  const second = expectSuccess<Schemas['UpdateChatResponse']>(await chert.updateChat(id, { display_name: 'Final name' }), 'UpdateChatResponse');
  expect(second.chat.display_name).toBe('Final name');
});

test('a display_name of spaces only returns 400', req('RENAME-EMPTY'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const res = await chert.updateChat(id, { display_name: '   ' });
  expect(res.status, res.text.slice(0, 200)).toBe(400);
});

test('renaming a 1:1 chat returns 400 with code 1006', req('RENAME-DIRECT-CHAT'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  expect(await chert.updateChat(id, { display_name: 'Not a group' })).toBeChertError(400, 1006);
});

// --- participants ----------------------------------------------------------------------------

test('adding a number returns the roster with every member and the newcomer', req('PARTICIPANT-ADD'), async ({ chert, settings }, testInfo) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 2);
  const added = newcomer(to);
  const body = expectSuccess<Schemas['AddParticipantResponse']>(await chert.addParticipant(id, { address: added }), 'AddParticipantResponse');
  expect(body).toMatchObject({ chat_id: id, added });
  expect(body.participants).toEqual(expect.arrayContaining([...to, added]));
  expect(strangers(body.participants, [...to, added], settings.tenant.from), 'roster entries that are neither members nor the line').toEqual([]);
});

test('adding an email address returns it as added and in the roster, up to case', req('PARTICIPANT-ADD-EMAIL'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const address = fictionalEmail(randomUUID().slice(0, 8));
  const body = expectSuccess<Schemas['AddParticipantResponse']>(await chert.addParticipant(id, { address }), 'AddParticipantResponse');
  expect(body.added.toLowerCase(), '`added`, lowercased').toBe(address.toLowerCase());
  expect(body.participants.map((a) => a.toLowerCase()), 'the roster, lowercased').toContain(address.toLowerCase());
});

test('adding the same number twice, the second time as `handle`, is a no-op that lists it once', req('PARTICIPANT-ADD-TWICE'), async ({ chert, settings }, testInfo) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 2);
  const added = newcomer(to);
  expectSuccess(await chert.addParticipant(id, { address: added }), 'AddParticipantResponse');
  const again = expectSuccess<Schemas['AddParticipantResponse']>(await chert.addParticipant(id, { handle: added }), 'AddParticipantResponse');
  expect(again.participants.filter((a) => a === added)).toEqual([added]);
});

test('an add without an address returns 400 with code 1001', req('PARTICIPANT-ADD-MISSING'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  expect(await chert.addParticipant(id, {})).toBeChertError(400, 1001);
});

test('removing a member of a 4-member group returns the roster without it', req('PARTICIPANT-REMOVE'), async ({ chert, settings }, testInfo) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 4);
  const [gone, ...kept] = to as [string, ...string[]];
  const body = expectSuccess<Schemas['RemoveParticipantResponse']>(await chert.removeParticipant(id, gone), 'RemoveParticipantResponse');
  expect(body).toMatchObject({ chat_id: id, removed: gone });
  expect(body.participants).not.toContain(gone);
  expect(body.participants).toEqual(expect.arrayContaining(kept));
});

test('removing the same member twice returns 400 with code 1001 the second time', req('PARTICIPANT-REMOVE-TWICE'), async ({ chert, settings }, testInfo) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 5);
  expectSuccess(await chert.removeParticipant(id, to[0] as string), 'RemoveParticipantResponse');
  expect(await chert.removeParticipant(id, to[0] as string)).toBeChertError(400, 1001);
});

test('a removal from a group of 2 members returns 400 with code 1002', req('PARTICIPANT-GROUP-FLOOR'), async ({ chert, settings }, testInfo) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 2);
  expect(await chert.removeParticipant(id, to[0] as string)).toBeChertError(400, 1002);
});

test('adding to or removing from a 1:1 chat returns 400 with code 1006', req('PARTICIPANT-DIRECT-CHAT'), async ({ chert, settings }, testInfo) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 1);
  expect.soft(await chert.addParticipant(id, { address: newcomer(to) }), 'add').toBeChertError(400, 1006);
  expect.soft(await chert.removeParticipant(id, to[0] as string), 'remove').toBeChertError(400, 1006);
});

// --- leave -----------------------------------------------------------------------------------

test('leaving a group of 4 members returns status left', req('LEAVE-GROUP'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 4);
  const body = expectSuccess<Schemas['LeaveChatResponse']>(await chert.leave(id), 'LeaveChatResponse');
  expect(body).toMatchObject({ chat_id: id, status: 'left' });
});

test('leaving a group twice returns 400 with code 1006 the second time', req('LEAVE-TWICE'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 4);
  expectSuccess(await chert.leave(id), 'LeaveChatResponse');
  expect(await chert.leave(id)).toBeChertError(400, 1006);
});

test('leaving a group of 2 members returns 400 with code 1002', req('LEAVE-GROUP-FLOOR'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  expect(await chert.leave(id)).toBeChertError(400, 1002);
});

test('leaving a 1:1 chat returns 400 with code 1006', req('LEAVE-DIRECT-CHAT'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  expect(await chert.leave(id)).toBeChertError(400, 1006);
});
