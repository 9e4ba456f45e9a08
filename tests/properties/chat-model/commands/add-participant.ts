// addParticipant: a fictional number, new or already a member; the answer names it and the roster
// the model predicts (adding a member again is a no-op, so it is listed once); a 1:1 chat or a
// group the line left is 400 / 1006.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { validNumber } from '../../arbitraries.ts';
import { bodyOf, chatRoute, refusedAsNotAGroup, rosterProblem, pickAnyChat } from '../life.ts';
import { expectAccepted, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class AddParticipant implements ChatCommand {
  /** `fresh`: a fictional number to add; used when `again` is false or the chat has no member to repeat. */
  constructor(readonly pick: number, readonly fresh: string, readonly again: number | undefined) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const { members } = c.life;
    const address = this.again !== undefined && members.length > 0 ? members[this.again % members.length]! : this.fresh;
    const res = await r.send(c.owner, { method: 'POST', path: chatRoute(c.id, 'participants'), body: { address } });
    const what = `add of ${address} to chat #${i}`;
    if (refusedAsNotAGroup(c, res, what)) return;
    expectAccepted(res, what);
    const predicted = members.includes(address) ? members : [...members, address];
    const body = bodyOf(res);
    must(
      body.added === address ? undefined : `${what}: added ${JSON.stringify(body.added)}, expected ${address}`,
      rosterProblem(what, body.participants, predicted, r.from[c.owner]),
    );
    c.life.members = predicted;
    c.life.former = c.life.former.filter((a) => a !== address);
  }
  toString = () => `addParticipant(#${this.pick}, ${this.again !== undefined ? `member #${this.again} again` : this.fresh})`;
}

export const spec: CommandSpec = {
  name: 'add-participant',
  arbitrary: () =>
    fc.tuple(fc.nat(), validNumber, fc.option(fc.nat(), { nil: undefined, freq: 3 }))
      .map(([pick, fresh, again]) => new AddParticipant(pick, fresh, again)),
};
