// edit: the tenant's own outbound message, well within Apple's 15 minutes of its send, takes the
// new text (`status: "edited"`, the text echoed) and keeps its place in the history; another
// tenant's message is 404 / 2003. A message edited before may be "no longer editable" (502 / 4001,
// edit-count-limit), like any send iMessage refuses; a line not pinned yet answers 4099.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { asOther, expectError, fieldsProblem, idProblem, judgedAfterLeave, messageRoute, pickAnyChat, unjudged } from '../life.ts';
import { expectAccepted, OTHER, uniqueText, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class Edit implements ChatCommand {
  constructor(readonly pick: number, readonly message: number, readonly asOther: boolean) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const id = c.messages[this.message % c.messages.length]!;
    const sender = this.asOther ? OTHER[c.owner] : c.owner;
    const text = uniqueText(m, r, 'edited');
    const res = await r.send(sender, { method: 'POST', path: messageRoute(id, 'edit'), body: { new_text: text } });
    const what = `edit of message ${id} of chat #${i}`;
    if (this.asOther) return expectError(res, `tenant ${sender}'s ${what} of tenant ${c.owner}`, 404, [2003]);
    if (judgedAfterLeave(c, res, what) || unjudged(res)) return;
    expectAccepted(res, what);
    must(fieldsProblem(what, res, { status: 'edited', new_text: text }), idProblem(what, res, 'message_id'));
  }
  toString = () => `edit(${this.asOther ? 'by the other tenant, ' : ''}#${this.pick} message #${this.message})`;
}

export const spec: CommandSpec = {
  name: 'edit',
  arbitrary: ({ twoTenants }) =>
    fc.tuple(fc.nat(), fc.nat(), asOther(twoTenants)).map(([pick, message, other]) => new Edit(pick, message, other)),
};
