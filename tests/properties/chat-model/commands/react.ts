// react: a tapback on one of the tenant's messages is sent and echoed, again and again (not
// idempotent); on another tenant's message it is 404 / 2003, a message that does not exist for it.
// The answer may name the message in another form (id-echo-form); iMessage may refuse (502 / 4001).
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { asOther, expectError, fieldsProblem, idProblem, judgedAfterLeave, messageRoute, pickAnyChat, unjudged } from '../life.ts';
import { expectAccepted, OTHER, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

const REACTIONS = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question'] as const;

class React implements ChatCommand {
  constructor(readonly pick: number, readonly message: number, readonly reaction: string, readonly asOther: boolean) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const id = c.messages[this.message % c.messages.length]!;
    const sender = this.asOther ? OTHER[c.owner] : c.owner;
    const res = await r.send(sender, { method: 'POST', path: messageRoute(id, 'react'), body: { reaction: this.reaction } });
    const what = `"${this.reaction}" on message ${id} of chat #${i}`;
    if (this.asOther) return expectError(res, `tenant ${sender}'s ${what} of tenant ${c.owner}`, 404, [2003]);
    if (judgedAfterLeave(c, res, what) || unjudged(res, false)) return;
    expectAccepted(res, what);
    must(fieldsProblem(what, res, { status: 'sent', reaction: this.reaction }), idProblem(what, res, 'message_id'));
  }
  toString = () => `react(${this.asOther ? 'by the other tenant, ' : ''}#${this.pick} message #${this.message}, ${this.reaction})`;
}

export const spec: CommandSpec = {
  name: 'react',
  arbitrary: ({ twoTenants }) =>
    fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...REACTIONS), asOther(twoTenants))
      .map(([pick, message, reaction, other]) => new React(pick, message, reaction, other)),
};
