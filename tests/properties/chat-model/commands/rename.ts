// updateChat (rename): a group's display_name is the name sent, trimmed, and the last write wins;
// a 1:1 chat, or a group the line left, is 400 / 1006.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { bodyOf, chatRoute, refusedAsNotAGroup, pickAnyChat } from '../life.ts';
import { expectAccepted, uniqueText, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

/** Whitespace the route page says is trimmed, around the name. */
const PADDINGS = ['', ' ', '  ', '\t', ' \n'] as const;

class Rename implements ChatCommand {
  constructor(readonly pick: number, readonly before: string, readonly after: string) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const name = uniqueText(m, r, 'renamed');
    const res = await r.send(c.owner, { method: 'PUT', path: chatRoute(c.id), body: { display_name: `${this.before}${name}${this.after}` } });
    if (refusedAsNotAGroup(c, res, `rename of chat #${i}`)) return;
    expectAccepted(res, `rename of group #${i}`);
    const chat = bodyOf(res).chat as { id?: unknown; display_name?: unknown } | undefined;
    must(
      chat?.display_name === name ? undefined : `rename of group #${i} to ${JSON.stringify(this.before + name + this.after)}: display_name ${JSON.stringify(chat?.display_name)}, expected ${JSON.stringify(name)} (trimmed)`,
      chat?.id === c.id ? undefined : `rename of group #${i}: chat.id ${JSON.stringify(chat?.id)}, expected ${c.id}`,
    );
    c.life.name = name;
  }
  toString = () => `rename(#${this.pick}${this.before || this.after ? ', padded' : ''})`;
}

export const spec: CommandSpec = {
  name: 'rename',
  arbitrary: () =>
    fc.tuple(fc.nat(), fc.constantFrom(...PADDINGS), fc.constantFrom(...PADDINGS))
      .map(([pick, before, after]) => new Rename(pick, before, after)),
};
