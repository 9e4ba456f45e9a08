// createChat: a new 1:1 or group chat, with or without an idempotency key, by either tenant. The
// docs do not say whether a create to recipients that already have a chat returns it
// (chat-reuse-same-recipients): a chat the run knows is followed on; one that holds messages from
// before the run (read back at once) is followed for its answers and the run's own messages only.
import fc from 'fast-check';
import { createdOf, must } from '../../checks.ts';
import { recipients } from '../../arbitraries.ts';
import { unjudged } from '../life.ts';
import { heldBefore, newChat, recordSent, textParts, uniqueText, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec, type Who } from '../model.ts';

class CreateChat implements ChatCommand {
  constructor(readonly who: Who, readonly size: number, readonly to: string[], readonly withKey: boolean) {}
  check = () => true;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const text = uniqueText(m, r, 'first');
    const message: Record<string, unknown> = { parts: textParts(text) };
    const key = this.withKey ? `life-${r.unique}-${m.next++}` : undefined;
    if (key) message.idempotency_key = key;
    if (this.to.length > 1) message.subject = uniqueText(m, r, 'group');
    // `keyless`: the client would otherwise give every create a key of its own.
    const call = { method: 'POST' as const, path: '/api/v1/chats', body: { from: r.from[this.who], to: this.to, message }, keyless: !key };
    const res = await r.send(this.who, call);
    if (unjudged(res, false)) return; // iMessage refused the fictional recipients at once: no chat
    const created = createdOf(res);
    // Either a new chat or an existing one is followed, but never another tenant's chat.
    const existing = m.chats.findIndex((c) => c.id === created.chat.id);
    must(existing >= 0 && m.chats[existing]?.owner !== this.who ? `tenant ${this.who}'s create returned chat ${created.chat.id} of tenant ${m.chats[existing]?.owner}` : undefined);
    if (existing >= 0) recordSent(m.chats[existing]!, created.message.id, text);
    else m.chats.push(newChat(created.chat.id, this.who, this.to, created.message.id, text, await heldBefore(m, r, this.who, created.chat.id, created.message.id)));
    const index = existing >= 0 ? existing : m.chats.length - 1;
    if (key) m.keys.set(`${this.who} ${key}`, { chat: index, messageId: created.message.id, call });
  }
  toString = () => `create(${this.who}, ${this.to.length} to${this.withKey ? ', key' : ''})`;
}

export const spec: CommandSpec = {
  name: 'create',
  arbitrary: ({ twoTenants }) =>
    fc.tuple(fc.constantFrom<Who>(...(twoTenants ? (['A', 'B'] as const) : (['A'] as const))), recipients(1, 5), fc.boolean())
      .map(([who, to, withKey]) => new CreateChat(who, to.length, to, withKey)),
};
