// markRead: bodyless and idempotent, so every mark of the tenant's 1:1 chat is `{ chat_id, status:
// "read" }`, the second as the first; a group may have no recipient to send a receipt to
// (mark-read-in-groups: 422 / 1002 or 501 / 4099). The other tenant's chat is 404 / 2002.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { asOther, chatRoute, expectError, fieldsProblem, isSuccess, judgedAfterLeave, pickAnyChat, unjudged } from '../life.ts';
import { expectAccepted, expectNotFound, OTHER, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class MarkRead implements ChatCommand {
  constructor(readonly pick: number, readonly asOther: boolean) {}
  check = (m: Readonly<ChatModel>) => m.chats.length > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickAnyChat(m, this.pick)!;
    const reader = this.asOther ? OTHER[c.owner] : c.owner;
    const res = await r.send(reader, { method: 'POST', path: chatRoute(c.id, 'mark-read') });
    const what = `mark-read of chat #${i}`;
    if (this.asOther) return expectNotFound(res, `tenant ${reader}'s ${what} of tenant ${c.owner}`);
    if (judgedAfterLeave(c, res, what) || unjudged(res)) return;
    if (c.isGroup && !isSuccess(res)) return expectError(res, `${what}, a group (a 2xx or 422 / 1002 allowed)`, 422, [1002]);
    expectAccepted(res, what);
    must(fieldsProblem(what, res, { chat_id: c.id, status: 'read' }));
  }
  toString = () => `markRead(${this.asOther ? 'by the other tenant, ' : ''}#${this.pick})`;
}

export const spec: CommandSpec = {
  name: 'mark-read',
  arbitrary: ({ twoTenants }) => fc.tuple(fc.nat(), asOther(twoTenants)).map(([pick, other]) => new MarkRead(pick, other)),
};
