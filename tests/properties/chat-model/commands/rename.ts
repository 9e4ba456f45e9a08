// updateChat (rename): a group's display_name is the name sent, trimmed, and the last write wins;
// a 1:1 chat is 400 / 1006. Which characters "trimmed" removes is open (rename-trim-characters):
// spaces always; tabs and line breaks, or kept, or the name refused as holding control characters.
import fc from 'fast-check';
import { must, received } from '../../checks.ts';
import { bodyOf, chatRoute, expectError, judgedAsNotAGroup, pickAnyChat, unjudged } from '../life.ts';
import { expectAccepted, uniqueText, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

/** White space around the name: spaces every reading trims, and tabs and line breaks. */
const PADDINGS = ['', ' ', '  ', '\t', ' \n'] as const;

// eslint-disable-next-line no-control-regex -- the control characters are the point
const CONTROL = /[\u0000-\u001f]/;

class Rename implements ChatCommand {
  constructor(readonly pick: number, readonly before: string, readonly after: string) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const name = uniqueText(m, r, 'renamed');
    const sent = `${this.before}${name}${this.after}`;
    const controls = CONTROL.test(sent);
    const res = await r.send(c.owner, { method: 'PUT', path: chatRoute(c.id), body: { display_name: sent } });
    const what = `rename of chat #${i} to ${JSON.stringify(sent)}`;
    // A name with control characters may be refused before the chat kind is looked at.
    if (judgedAsNotAGroup(c, res, what, controls ? [1001, 1002] : []) || unjudged(res)) return;
    if (controls && res.status === 400) return expectError(res, `${what} (a name holding control characters)`, 400, [1001, 1002]);
    expectAccepted(res, what);
    const chat = bodyOf(res).chat as { id?: unknown; display_name?: unknown } | undefined;
    // Trimmed of every kind of white space, or of spaces only.
    const allowed = [name, sent.replace(/^ +| +$/g, '')];
    must(
      allowed.includes(chat?.display_name as string) ? undefined : `${what}: display_name ${JSON.stringify(chat?.display_name)}, expected ${allowed.map((a) => JSON.stringify(a)).join(' or ')} (trimmed); got ${received(res)}`,
      typeof chat?.id === 'string' && chat.id !== '' ? undefined : `${what}: chat.id ${JSON.stringify(chat?.id)} is not a non-empty id`,
    );
    c.life.name = chat?.display_name as string;
  }
  toString = () => `rename(#${this.pick}${this.before || this.after ? ', padded' : ''})`;
}

export const spec: CommandSpec = {
  name: 'rename',
  arbitrary: () =>
    fc.tuple(fc.nat(), fc.constantFrom(...PADDINGS), fc.constantFrom(...PADDINGS))
      .map(([pick, before, after]) => new Rename(pick, before, after)),
};
