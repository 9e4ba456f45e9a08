// Text the schema allows is stored as sent (https://docs.trychert.com/api/chats/create): three
// fixed values where servers most often alter text. The full-domain property
// (tests/properties/text-domain.spec.ts) draws far more, but at random; these are judged every run.
import { expect, req, test } from '../fixtures/index.ts';
import { createBody, text, uniqueText } from '../fixtures/bodies.ts';
import { readHistory, skipIfMissing } from '../fixtures/fresh-chat.ts';
import { allowedRejection, echoedAsSent } from '../properties/text-echo.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];
type Message = components['schemas']['Message'];

const textOf = (m: Message | undefined) => m?.parts.find((p) => p.type === 'text')?.value;

const CASES: Record<string, (unique: string) => string> = {
  'zero-width characters inside': (u) => `${u}\u200Bjoined\u200Dby\u2060nothing\uFEFF`,
  'white space around and inside': (u) => `  ${u}  \n\t inner   gaps \n `,
  'a text of 5,000 characters': (u) => `${u} ${'Lorem ipsum dolor sit amet. '.repeat(200)}`.slice(0, 5_000),
};

for (const [name, make] of Object.entries(CASES)) {
  test(`${name}: echoed by the create and listed by the history as sent, or refused with the documented code`, req('TEXT-NOT-ALTERED'), async ({ chert, settings, sendTo }, testInfo) => {
    const sent = make(uniqueText('text'));
    const res = await chert.create(createBody(settings.tenant.from, sendTo(1), { parts: [text(sent)] }));
    if (res.status >= 400 && res.status < 500) {
      expect(allowedRejection(res, [sent])).toBeUndefined();
      return;
    }
    expect(res).toBeAccepted();
    const { chat, message } = res.json as Created;
    const echoed = textOf(message);
    expect(echoedAsSent('the create', sent, echoed)).toBeUndefined();
    // Read again while not listed yet; never listed, the history's half is unjudged (src/checks/history.ts).
    const read = await readHistory(chert, chat.id, [{ id: message.id }], 'TEXT-NOT-ALTERED');
    expect(read.res.status, read.res.text.slice(0, 200)).toBe(200);
    expect(read.judgement.problems).toEqual([]);
    skipIfMissing(testInfo, read);
    const listed = (read.res.json as { messages: Message[] }).messages.find((m) => m.id === message.id);
    expect(textOf(listed), 'the text the history lists').toBe(echoed);
  });
}
