// createChat: a new 1:1 or group chat, with or without an idempotency key, by either tenant.
import fc from 'fast-check';
import { createdOf, must } from '../../checks.ts';
import { recipients } from '../../arbitraries.ts';
import { textParts, uniqueText, type ChatCommand, type ChatModel, newChat, type ChatReal, type CommandSpec, type Who } from '../model.ts';

class CreateChat implements ChatCommand {
  constructor(readonly who: Who, readonly size: number, readonly to: string[], readonly withKey: boolean) {}
  check = () => true;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const message: Record<string, unknown> = { parts: textParts(uniqueText(m, r, 'first')) };
    const key = this.withKey ? `life-${r.unique}-${m.next++}` : undefined;
    if (key) message.idempotency_key = key;
    if (this.to.length > 1) message.subject = uniqueText(m, r, 'group');
    const call = { method: 'POST' as const, path: '/api/v1/chats', body: { from: r.from[this.who], to: this.to, message } };
    const created = createdOf(await r.send(this.who, call));
    // The docs do not say whether a create to the same members opens a new chat or returns the
    // existing one (as iMessage does): either is followed, but never another tenant's chat.
    const existing = m.chats.findIndex((c) => c.id === created.chat.id);
    must(existing >= 0 && m.chats[existing]?.owner !== this.who ? `tenant ${this.who}'s create returned chat ${created.chat.id} of tenant ${m.chats[existing]?.owner}` : undefined);
    if (existing >= 0) m.chats[existing]?.messages.push(created.message.id);
    else m.chats.push(newChat(created.chat.id, this.who, this.to, created.message.id));
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
