// Full-domain text (arbitraries.ts: astral, combining marks, RTL, zero-width, white space around
// and inside, newlines, several KB): each value is echoed unchanged by the create (text part and a
// group's display_name), the follow-up and the history, or refused with its documented code.
import { setTimeout as delay } from 'node:timers/promises';
import fc from 'fast-check';
import { judgeHistory } from '../../src/checks/history.ts';
import { unjudgedAnswer } from '../../src/checks/life.ts';
import { req, test } from '../fixtures/index.ts';
import { isBlank } from '../../src/domain/text.ts';
import { fullDomainText, recipients, toBody } from './arbitraries.ts';
import { createdOf, must, received } from './checks.ts';
import { CREATES_CHATS, createCall, readyRequest, runProperty } from './run-property.ts';
import { textEchoProblem, textRefusalProblem } from '../../src/checks/text.ts';

const echoedAsSent = (where: string, sent: string, got: unknown) => textEchoProblem(where, sent, got)?.message;

/** Reads of a history while this case's messages are not listed yet, and the wait before each re-read. */
const HISTORY_READS = 3;
const HISTORY_WAIT_MS = 250;

type Case = { to: string[]; first: string; subject: string | undefined; follow: string };

type Message = { id: string; direction?: string; parts: { type: string; value?: string }[] };

const textOf = (m: { parts?: { type: string; value?: string }[] } | undefined) => m?.parts?.find((p) => p.type === 'text')?.value;

test('any text or subject the schema allows is echoed unchanged by create, follow-up and history, or refused with its documented code', req('TEXT-NOT-ALTERED'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  const from = settings.tenant.from;
  const arbitrary: fc.Arbitrary<Case> = fc.record({
    to: recipients(1, 3),
    first: fullDomainText,
    subject: fc.option(fullDomainText, { nil: undefined }),
    follow: fullDomainText,
  });
  const bodyOf = (c: Case) => toBody(from, { to: c.to, parts: [{ type: 'text', value: c.first }], ...(c.subject === undefined ? {} : { subject: c.subject }) });
  await runProperty({ testInfo, settings, chert }, {
    arbitrary,
    check: async (c, send) => {
      const res = await send(createCall(bodyOf(c)));
      const group = c.to.length > 1;
      if (res.status >= 400 && res.status < 500) return must(textRefusalProblem(res, { texts: [c.first], subject: c.subject, direct: !group })?.message);
      const created = createdOf(res);
      const first = textOf(created.message);
      must(echoedAsSent('the create', c.first, first));
      // A blank subject may be read as no subject (subject-blank): then the name is the server's own.
      if (created.chat.is_group && c.subject !== undefined && !isBlank(c.subject)) must(echoedAsSent("the group's display_name", c.subject, created.chat.display_name));
      const path = `/api/v1/chats/${encodeURIComponent(created.chat.id)}/messages`;
      const followed = await send({ method: 'POST', path, body: { message: { parts: [{ type: 'text', value: c.follow }] } } });
      const rejected = followed.status >= 400 && followed.status < 500;
      // iMessage may refuse a fictional recipient at once (502 / 4001): nothing sent, nothing to judge.
      const refusedDownstream = unjudgedAnswer(followed, false) !== undefined;
      if (rejected) must(textRefusalProblem(followed, { texts: [c.follow] })?.message);
      else must(followed.status < 300 || refusedDownstream ? undefined : `the follow-up got ${received(followed)}`);
      const follow = rejected || refusedDownstream ? undefined : (followed.json as { message?: Message }).message;
      if (follow) must(echoedAsSent('the follow-up', c.follow, textOf(follow)));
      // The chat may be an existing one (a target may reuse a chat for the same members): only
      // this case's messages are judged, once and in order where their timestamps differ (the
      // chat's whole history is chat-life's; src/checks/history.ts). A message not listed yet is
      // read again; one never listed is not judged (the append is best-effort).
      const echoed = [{ id: created.message.id, text: first }, ...(follow ? [{ id: follow.id, text: textOf(follow) }] : [])];
      let messages: Message[] = [];
      for (let read = 1; read <= HISTORY_READS; read++) {
        const history = await send({ method: 'GET', path });
        must(history.status >= 200 && history.status < 300 ? undefined : `the history got ${received(history)}`);
        const { problems, missing } = judgeHistory('TEXT-NOT-ALTERED', 'the history', history.json, echoed.map((e) => ({ id: e.id })), { chatId: created.chat.id });
        must(problems[0]?.message);
        messages = (history.json as { messages: Message[] }).messages;
        if (missing.length === 0) break;
        await delay(HISTORY_WAIT_MS * read);
      }
      for (const { id, text } of echoed) {
        const listed = messages.find((m) => m.id === id);
        const value = textOf(listed);
        must(listed === undefined || value === text ? undefined : `the history holds message ${id} as ${JSON.stringify(value)?.slice(0, 200)}, not as echoed ${JSON.stringify(text)?.slice(0, 200)}`);
      }
    },
    describe: (c) => `${readyRequest(bodyOf(c))}\nthen POST /api/v1/chats/{chat.id}/messages {"message":{"parts":[{"type":"text","value":${JSON.stringify(c.follow)}}]}}\nthen GET /api/v1/chats/{chat.id}/messages`,
    // Three requests a case; text of several KB is where truncation shows.
    runs: 0.3,
  });
});
