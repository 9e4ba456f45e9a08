// removeParticipant: a member or a former member, its address URL-encoded in the path. The floor
// is judged only where both readings of "does the line count toward 3" agree (life.ts): below it
// 400 / 1002, above it the roster the model predicts; a former member is 400 / 1001 ("a second
// removal is an error", or 1002 where the floor is judged first: refusal-order); a 1:1 chat is
// 400 / 1006 (contract 1c).
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { bodyOf, expectError, floorVerdict, idProblem, isSuccessOr, judgedAsNotAGroup, participantPath, pickAnyChat, rosterProblem, unjudged } from '../life.ts';
import { expectAccepted, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class RemoveParticipant implements ChatCommand {
  constructor(readonly pick: number, readonly member: number, readonly former: boolean) {}
  check = (m: Readonly<ChatModel>) => m.chats.some((c) => c.life.members.length > 0);
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    // A second removal needs a chat with a former member: aim at one when there is any.
    const { c, i } = pickAnyChat(m, this.pick, (chat) => (this.former ? chat.life.former.length > 0 : chat.life.members.length > 0))!;
    const { members, former } = c.life;
    const again = this.former && former.length > 0;
    const address = again ? former[this.member % former.length]! : members[this.member % members.length]!;
    const res = await r.send(c.owner, { method: 'DELETE', path: participantPath(c.id, address) });
    const what = `removal of ${again ? 'former member ' : ''}${address} from chat #${i} of ${members.length} members`;
    if (judgedAsNotAGroup(c, res, what) || unjudged(res)) return;
    const verdict = floorVerdict(members.length);
    // A server may judge the floor before membership; with 4 members or more it cannot refuse so.
    if (again) return expectError(res, what, 400, verdict === 'allowed' ? [1001] : [1001, 1002]);
    if (verdict === 'refused') return expectError(res, `${what} (fewer than 3 would remain)`, 400, [1002]);
    if (verdict === 'either' && !isSuccessOr(res, what, 400, 1002)) return;
    if (verdict === 'allowed') expectAccepted(res, what);
    const predicted = members.filter((a) => a !== address);
    const body = bodyOf(res);
    must(
      body.removed === address ? undefined : `${what}: removed ${JSON.stringify(body.removed)}, expected ${address}`,
      idProblem(what, res, 'chat_id'),
      rosterProblem(what, body.participants, predicted, [...former, address]),
    );
    c.life.members = predicted;
    c.life.former = [...former, address];
  }
  toString = () => `removeParticipant(#${this.pick}, ${this.former ? 'former ' : ''}member #${this.member})`;
}

export const spec: CommandSpec = {
  name: 'remove-participant',
  arbitrary: () =>
    fc.tuple(fc.nat(), fc.nat(), fc.boolean())
      .map(([pick, member, former]) => new RemoveParticipant(pick, member, former)),
};
