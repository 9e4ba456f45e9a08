// leaveChat: the line leaves a group. The floor is judged only where both readings of "does the
// line count toward 3" agree (life.ts); leaving twice, or a 1:1 chat, is 400 / 1006. After it,
// the group operations of the other commands are 400 / 1006 too.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { expectError, fieldsProblem, floorVerdict, isSuccessOr, chatRoute, refusedAsNotAGroup, pickAnyChat } from '../life.ts';
import { expectAccepted, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class Leave implements ChatCommand {
  constructor(readonly pick: number, readonly again: boolean) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    // Leaving twice needs a group already left: aim at one when there is any.
    const { c, i } = pickAnyChat(m, this.pick, this.again ? (chat) => chat.life.left : undefined)!;
    const res = await r.send(c.owner, { method: 'POST', path: chatRoute(c.id, 'leave') });
    const what = `leave of chat #${i} of ${c.life.members.length} members`;
    if (refusedAsNotAGroup(c, res, what)) return;
    const verdict = floorVerdict(c.life.members.length);
    if (verdict === 'refused') return expectError(res, `${what} (fewer than 3 would remain)`, 400, [1002]);
    if (verdict === 'either' && !isSuccessOr(res, what, 400, 1002)) return;
    if (verdict === 'allowed') expectAccepted(res, what);
    must(fieldsProblem(what, res, { chat_id: c.id, status: 'left' }));
    c.life.left = true;
  }
  toString = () => `leave(${this.again ? 'a left group' : 'chat'} #${this.pick})`;
}

export const spec: CommandSpec = {
  name: 'leave',
  arbitrary: () => fc.tuple(fc.nat(), fc.boolean()).map(([pick, again]) => new Leave(pick, again)),
};
