// The judgements of the routes after creation (src/checks/history.ts, roster.ts, life.ts): each
// accepts the answer of every reading of the open choices, and still finds what no reading allows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allows } from '../../src/checks/expected.ts';
import { copiesOf, judgeHistory, type OwnMessage } from '../../src/checks/history.ts';
import { EDIT_WINDOW_CLOSED, lifeAnswers, noPinnedLine, NO_SUCH_PART, NOT_A_MESSAGE, unjudgedAnswer } from '../../src/checks/life.ts';
import { rosterProblem } from '../../src/checks/roster.ts';

const CHAT = 'c1';
const entry = (id: string, text: string, at: string, extra: Record<string, unknown> = {}) => ({
  id, chat_id: CHAT, parts: [{ type: 'text', value: text }], status: 'sent', direction: 'outbound', created_at: at, delivered_at: null, read_at: null, service: 'imessage', ...extra,
});
const own: OwnMessage[] = [{ id: 'm1', text: 'one' }, { id: 'm2', text: 'two' }, { id: 'm3', text: 'three' }];
const sent = [entry('m1', 'one', '2026-05-01T12:00:00Z'), entry('m2', 'two', '2026-05-01T12:00:01Z'), entry('m3', 'three', '2026-05-01T12:00:02Z')];
const page = (messages: unknown[], hasMore = false) => ({ messages, has_more: hasMore });
const judge = (messages: unknown[], hasMore = false, elsewhere = {}) => judgeHistory('HISTORY-LIST', 'h', page(messages, hasMore), own, { chatId: CHAT, ...elsewhere });

describe('judgeHistory accepts every reading', () => {
  const cases: [string, unknown[]][] = [
    ['the messages in send order', sent],
    ['earlier entries of a chat returned again (chat-reuse-same-recipients)', [entry('old', 'from an earlier run', '2026-04-01T00:00:00Z'), ...sent]],
    ['a tapback listed as an entry (history-extra-entries)', [...sent, entry('t1', 'Loved “one”', '2026-05-01T12:00:03Z')]],
    ['an inbound reply outside the documented shapes (history-entry-shape)', [...sent, { id: 'in1', chat_id: CHAT, direction: 'inbound', parts: [{ type: 'sticker' }], service: 'sms' }]],
    ['messages of one second in id order (history-order-ties)', [entry('m2', 'two', '2026-05-01T12:00:00Z'), entry('m1', 'one', '2026-05-01T12:00:00Z'), entry('m3', 'three', '2026-05-01T12:00:00Z')]],
    ['an edit listed as an entry of its own (history-after-edit)', [...sent, entry('e1', 'edited', '2026-05-01T12:00:04Z')]],
  ];
  for (const [name, messages] of cases) it(name, () => assert.deepEqual(judge(messages), { problems: [], missing: [] }));

  it('reports messages not listed (yet) apart, as missing, not as problems (history-read-after-write)', () => {
    assert.deepEqual(judge([sent[0], sent[2]]), { problems: [], missing: ['m2'] });
  });

  it('does not count the own messages older than a full page as missing', () => {
    const full = Array.from({ length: 200 }, (_, i) => entry(`x${i}`, `x${i}`, '2026-05-01T12:00:03Z'));
    assert.deepEqual(judge([sent[2], ...full.slice(1)], true).missing, []);
  });
});

describe('judgeHistory finds what no reading allows', () => {
  const cases: [string, unknown[], boolean?, object?][] = [
    ['a message listed twice', [...sent, sent[1]]],
    ['newest first, where the timestamps differ', [...sent].reverse()],
    ['a message stamped earlier than one sent before it', [entry('m1', 'one', '2026-05-01T12:00:05Z'), sent[1], sent[2]]],
    ['a message of another chat, by its chat_id', [...sent, entry('o1', 'elsewhere', '2026-05-01T12:00:03Z', { chat_id: 'c2' })]],
    ['a message the run sent to another chat', [...sent, entry('o1', 'x', '2026-05-01T12:00:03Z', { chat_id: undefined })], false, { ids: new Set(['o1']) }],
    ['a text the run sent to another chat', [...sent, entry('o2', 'other text', '2026-05-01T12:00:03Z')], false, { texts: new Set(['other text']) }],
    ['a second copy of a text the run sent here', [...sent, entry('dup', 'two', '2026-05-01T12:00:03Z')]],
    ['has_more on a page that holds everything', sent, true],
    ['an own message that is not a documented Message', [entry('m1', 'one', '2026-05-01T12:00:00Z', { parts: 'one' }), sent[1], sent[2]]],
    ['an entry without an id', [...sent, { direction: 'outbound' }]],
  ];
  for (const [name, messages, hasMore, elsewhere] of cases) {
    it(name, () => assert.equal(judge(messages, hasMore, elsewhere).problems.length > 0, true));
  }

  it('a body that is not { messages, has_more }', () => {
    assert.equal(judgeHistory('HISTORY-LIST', 'h', { messages: sent }, own).problems.length, 1);
  });
});

it('copiesOf counts the outbound entries holding a text', () => {
  assert.deepEqual(copiesOf(page([...sent, entry('m4', 'two', '2026-05-01T12:00:03Z')]), 'two').ids, ['m2', 'm4']);
});

describe('rosterProblem', () => {
  const members = ['+14155550101', '+14155550102'];
  const ok: [string, unknown][] = [
    ['the members', members],
    ['the members and the line by its number (roster-lists-line=listed-as-from)', ['+15555550100', ...members]],
    ['the members and the line by a handle of its own (listed-as-handle)', [...members, 'line@chert-line.invalid']],
    ['an email member in another case', ['+14155550101', 'Someone@Fictional.Invalid']],
  ];
  for (const [name, listed] of ok) it(`accepts ${name}`, () => assert.equal(rosterProblem('R', 'w', listed, name.includes('email') ? ['+14155550101', 'someone@fictional.invalid'] : members), undefined));
  const wrong: [string, unknown, string[]?][] = [
    ['a member missing', ['+14155550101']],
    ['a member twice', [...members, '+14155550101']],
    ['a removed member', [...members, '+14155550103'], ['+14155550103']],
    ['two strangers', [...members, '+14155550190', '+14155550191']],
    ['not a list', { members }],
  ];
  for (const [name, listed, removed] of wrong) it(`finds ${name}`, () => assert.notEqual(rosterProblem('R', 'w', listed, members, removed), undefined));
});

describe('the answer sets of the life routes', () => {
  const table: [string, ReturnType<typeof noPinnedLine>, [number, number | undefined][], [number, number | undefined][]][] = [
    ['4099 on a participant route', noPinnedLine(422), [[422, 4099]], [[501, 4099], [400, 4099]]],
    ['4099 on rename', noPinnedLine(501), [[501, 4099], [422, 4099]], [[400, 4099], [501, 1002]]],
    ['a chat id as a message id', NOT_A_MESSAGE, [[404, 2003], [409, 1011]], [[404, 2002], [200, undefined]]],
    ['an edit past the window', EDIT_WINDOW_CLOSED, [[502, 4001], [422, 4099], [501, 4099]], [[200, undefined], [400, 1002]]],
    ['an edit of a part that is not there', NO_SUCH_PART, [[400, 1002], [422, 1002], [404, 2003], [502, 4001]], [[200, undefined], [500, 3001]]],
  ];
  for (const [name, expected, yes, no] of table) {
    it(name, () => {
      for (const [status, code] of yes) assert.ok(allows(expected, { status, code }), `${status} / ${code} allowed`);
      for (const [status, code] of no) assert.ok(!allows(expected, { status, code }), `${status} / ${code} refused`);
      assert.ok((expected.choices ?? []).length > 0, 'names the open choice it spans');
    });
  }

  it('leaves a positive check unjudged on 502 / 4001, and on 4099 only where the route names it', () => {
    const error = (status: number, code: number) => ({ status, json: { success: false, error: { code } } });
    assert.equal(unjudgedAnswer(error(502, 4001))?.choice, 'undeliverable-recipient');
    assert.equal(unjudgedAnswer(error(501, 4099))?.choice, 'line-ready-after-create');
    assert.equal(unjudgedAnswer(error(501, 4099), false), undefined);
    assert.equal(unjudgedAnswer(error(400, 1002)), undefined);
    assert.equal(unjudgedAnswer({ status: 200, json: {} }), undefined);
  });
});

describe('lifeAnswers: what a generated case on a route after creation may also get', () => {
  const error = (status: number, code: number) => ({ status, code });
  it('adds 4099 and 502 / 4001 on the line routes, 502 / 4001 alone on follow-ups and reactions, nothing on create', () => {
    assert.ok(allows(lifeAnswers('updateChat'), error(501, 4099)) && allows(lifeAnswers('updateChat'), error(502, 4001)));
    assert.ok(allows(lifeAnswers('sendMessage'), error(502, 4001)) && !allows(lifeAnswers('sendMessage'), error(501, 4099)));
    assert.equal(lifeAnswers('createChat').anyOf.length, 0);
  });
  it('takes a typing state leniently only for that field, and a wrongly typed optional field as ignored', () => {
    assert.ok(allows(lifeAnswers('sendTyping', 'state'), { status: 200, code: undefined }));
    assert.ok(!allows(lifeAnswers('sendTyping'), { status: 200, code: undefined }));
    assert.ok(allows(lifeAnswers('editMessage', 'edited_part_index'), { status: 200, code: undefined }));
    assert.ok(!allows(lifeAnswers('editMessage', 'new_text'), { status: 200, code: undefined }));
  });
});
