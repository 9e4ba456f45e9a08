// typing: "typing" or "stopped" to a 1:1 chat of the tenant is sent and echoed with the chat's id
// (the page's example shows the create's id); whether groups get the dots is open (typing-in-groups:
// a 2xx, a 4xx or 4099). The other tenant's chat is 404 / 2002.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { asOther, chatRoute, fieldsProblem, judgedAfterLeave, pickAnyChat, unjudged } from '../life.ts';
import { expectAccepted, expectNotFound, OTHER, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class Typing implements ChatCommand {
  constructor(readonly pick: number, readonly state: 'typing' | 'stopped', readonly asOther: boolean) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const sender = this.asOther ? OTHER[c.owner] : c.owner;
    const res = await r.send(sender, { method: 'POST', path: chatRoute(c.id, 'typing'), body: { state: this.state } });
    const what = `typing "${this.state}" to chat #${i}`;
    if (this.asOther) return expectNotFound(res, `tenant ${sender}'s ${what} of tenant ${c.owner}`);
    if (judgedAfterLeave(c, res, what) || unjudged(res)) return;
    if (c.isGroup && res.status >= 400 && res.status < 500) return; // typing offered in 1:1 chats only
    expectAccepted(res, what);
    must(fieldsProblem(what, res, { status: 'sent', chat_id: c.id, state: this.state }));
  }
  toString = () => `typing(${this.asOther ? 'by the other tenant, ' : ''}#${this.pick}, ${this.state})`;
}

export const spec: CommandSpec = {
  name: 'typing',
  arbitrary: ({ twoTenants }) =>
    fc.tuple(fc.nat(), fc.constantFrom('typing' as const, 'stopped' as const), asOther(twoTenants))
      .map(([pick, state, other]) => new Typing(pick, state, other)),
};
