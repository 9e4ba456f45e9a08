// addParticipant: a fictional number, new or already a member; the answer names it and the roster
// the model predicts (adding a member again is a no-op, so it is listed once; the line may be
// listed too, roster-lists-line); a 1:1 chat is 400 / 1006. Past the 31 a group is created with,
// a cap is open (group-size-after-add). The tenants' own lines are never added.
import fc from 'fast-check';
import { must, received } from '../../checks.ts';
import { validNumber } from '../../arbitraries.ts';
import { bodyOf, chatRoute, idProblem, isSuccess, judgedAsNotAGroup, pickAnyChat, rosterProblem, unjudged } from '../life.ts';
import { expectAccepted, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

/** The most recipients a group is created with. */
const MAX_MEMBERS = 31;

class AddParticipant implements ChatCommand {
  /** `fresh`: a fictional number to add; used when `again` is false or the chat has no member to repeat. */
  constructor(readonly pick: number, readonly fresh: string, readonly again: number | undefined) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const { members } = c.life;
    const address = this.again !== undefined && members.length > 0 ? members[this.again % members.length]! : this.fresh;
    // A tenant's line is no recipient: adding it asks what the docs leave open (the line inside `to`).
    if (Object.values(r.from).includes(address)) return;
    const res = await r.send(c.owner, { method: 'POST', path: chatRoute(c.id, 'participants'), body: { address } });
    const what = `add of ${address} to chat #${i}`;
    if (judgedAsNotAGroup(c, res, what) || unjudged(res)) return;
    const predicted = members.includes(address) ? members : [...members, address];
    const refusedPastCap = predicted.length > MAX_MEMBERS && !isSuccess(res);
    if (refusedPastCap) return must(res.status >= 400 && res.status < 500 ? undefined : `${what}, past ${MAX_MEMBERS} members: expected a 2xx or a 4xx, got ${received(res)}`);
    expectAccepted(res, what);
    must(
      bodyOf(res).added === address ? undefined : `${what}: added ${JSON.stringify(bodyOf(res).added)}, expected ${address}`,
      idProblem(what, res, 'chat_id'),
      rosterProblem(what, bodyOf(res).participants, predicted, c.life.former.filter((a) => a !== address)),
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
