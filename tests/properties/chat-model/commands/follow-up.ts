// sendMessage: a follow-up to a chat, with or without a key; by its owner it is appended to the
// history, by the other tenant it is 404 / 2002 and changes nothing. iMessage may refuse it at once
// (502 / 4001: nothing sent, nothing judged); after the line left a group any reading's answer passes.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { judgedAfterLeave, unjudged } from '../life.ts';
import { chatPath, expectAccepted, expectNotFound, OTHER, pickChat, recordSent, textParts, uniqueText, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec, type Who } from '../model.ts';

class FollowUp implements ChatCommand {
  constructor(readonly owner: Who, readonly pick: number, readonly withKey: boolean, readonly asOther: boolean) {}
  check = (m: Readonly<ChatModel>) => pickChat(m, this.owner, this.pick) !== undefined;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickChat(m, this.owner, this.pick)!;
    const sender = this.asOther ? OTHER[this.owner] : this.owner;
    const text = uniqueText(m, r, 'follow');
    const message: Record<string, unknown> = { parts: textParts(text) };
    const key = this.withKey ? `life-${r.unique}-${m.next++}` : undefined;
    if (key) message.idempotency_key = key;
    // `keyless`: the client would otherwise give every follow-up a key of its own.
    const call = { method: 'POST' as const, path: chatPath(c.id), body: { message }, keyless: !key };
    const res = await r.send(sender, call);
    const what = `follow-up to chat #${i}`;
    if (this.asOther) return expectNotFound(res, `tenant ${sender}'s follow-up to tenant ${this.owner}'s chat #${i}`);
    const afterLeave = judgedAfterLeave(c, res, what);
    if ((afterLeave && !(res.status >= 200 && res.status < 300)) || unjudged(res, false)) return;
    expectAccepted(res, what);
    const sent = (res.json as { message?: { id?: string; chat_id?: string } }).message;
    must(sent?.chat_id === c.id ? undefined : `${what} answered chat_id ${String(sent?.chat_id)}, not ${c.id}`);
    recordSent(c, String(sent?.id), text);
    if (key) m.keys.set(`${sender} ${i} ${key}`, { chat: i, messageId: String(sent?.id), call });
  }
  toString = () => `followUp(${this.asOther ? `${OTHER[this.owner]} to ` : ''}${this.owner}'s #${this.pick}${this.withKey ? ', key' : ''})`;
}

export const spec: CommandSpec = {
  name: 'follow-up',
  arbitrary: ({ twoTenants }) =>
    fc.tuple(fc.constantFrom<Who>(...(twoTenants ? (['A', 'B'] as const) : (['A'] as const))), fc.nat(), fc.boolean(), twoTenants ? fc.boolean() : fc.constant(false))
      .map(([owner, pick, withKey, asOther]) => new FollowUp(owner, pick, withKey, asOther)),
};
