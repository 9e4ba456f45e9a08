// Text the schema allows is stored as sent (TEXT-NOT-ALTERED), or in a form the docs leave a
// server free to store it in (trimmed, NFC, CRLF as LF: text-normalisation), or refused as a
// reading allows (src/checks/text.ts). Fixed values where servers most often alter text; the
// full-domain property (tests/properties/text-domain.spec.ts) draws far more, at random.
import { EACH_AUTH, eachAuthMode, eachCase, expect, repeatOnLostConnection, req, reqOn, test } from '../fixtures/index.ts';
import { createBody, text, uniqueText } from '../fixtures/bodies.ts';
import { isTextRefusal, textEchoProblem, textRefusalProblem } from '../../src/checks/text.ts';
import { readHistory, skipIfMissing } from '../fixtures/fresh-chat.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];
type Message = components['schemas']['Message'];

const textOf = (m: Message | undefined) => m?.parts.find((p) => p.type === 'text')?.value;

const CASES: Record<string, (unique: string) => string> = {
  // Zero-width characters inside a text are text, not noise: no trim reading removes them.
  'zero-width characters inside': (u) => `${u}\u200Bjoined\u200Dby\u2060nothing`,
  'white space around and inside': (u) => `  ${u}  \n\t inner   gaps \n `,
  // Cut at 4096, or at any length, is an alteration; a refusal for the length is a reading.
  'a text of 5,000 characters': (u) => `${u} ${'Lorem ipsum dolor sit amet. '.repeat(200)}`.slice(0, 5_000),
};

test('a text with zero-width characters, with white space around and inside, or of 5,000 characters is echoed by the create and listed by the history as sent or as stored, or refused as a reading allows', reqOn('TEXT-NOT-ALTERED', ['createChat', 'sendMessage', 'listMessages'], EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => repeatOnLostConnection(async () => eachCase(Object.entries(CASES).map(([name, make]) => ({
  label: name,
  run: () => eachAuthMode(signed, async (chert) => {
    const sent = make(uniqueText('text'));
    const res = await chert.create(createBody(settings.tenant.from, sendTo(1), { parts: [text(sent)] }));
    if (res.status >= 400 && res.status < 500) {
      expect([textRefusalProblem(res, { texts: [sent] })], `${name}: the refusal`).toHaveNoProblems();
      return;
    }
    expect(res, `${name}: the create`).toBeAccepted();
    const { chat, message } = res.json as Created;
    const echoed = textOf(message);
    expect([textEchoProblem('the create', sent, echoed)], `${name}: the create's echo`).toHaveNoProblems();
    // Read again while not listed yet; never listed, the history's half is unjudged (src/checks/history.ts).
    const read = await readHistory(chert, chat.id, [{ id: message.id }], 'TEXT-NOT-ALTERED');
    expect(read.res.status >= 200 && read.res.status < 300, `${name}: the history: HTTP ${read.res.status} ${read.res.text.slice(0, 200)}`).toBe(true);
    expect(read.judgement.problems, `${name}: the history`).toEqual([]);
    skipIfMissing(testInfo, read);
    // One message has one text in every answer: the history holds what the create echoed.
    const listed = (read.res.json as { messages: Message[] }).messages.find((m) => m.id === message.id);
    expect(textOf(listed), `${name}: the text the history lists`).toBe(echoed);
  }),
})))));

// Whether a text may be empty the docs do not say (text-empty): an empty text is refused as
// missing or invalid (400 / 1001 or 1002), or sent as it is, and then echoed as sent (or dropped:
// a server may send no bubble for it). Full profile only: some readings send it.
test('an empty text is refused as missing or invalid, or echoed as sent', req('TEXT-NOT-ALTERED'), async ({ chert, settings, sendTo }) => repeatOnLostConnection(async () => {
  test.skip(settings.profile === 'safe', 'safe profile: a correct server may accept an empty text, which sends');
  const res = await chert.create(createBody(settings.tenant.from, sendTo(1), { parts: [text('')] }));
  if (res.status >= 400 && res.status < 500) {
    expect(isTextRefusal(res, { texts: [''] }), `an empty text refused with HTTP ${res.status}: ${res.text.slice(0, 200)}`).toBe(true);
    return;
  }
  expect(res).toBeAccepted();
  const echoed = (res.json as Created).message.parts.filter((p) => p.type === 'text');
  expect(echoed.every((p) => p.value === ''), `the echo of an empty text: ${JSON.stringify(echoed)}`).toBe(true);
}));
