// The other tenant sends a create under a key one tenant used: its own new chat (keys are scoped
// to a tenant), which then lives in the model like any other.
import fc from 'fast-check';
import type { Call } from '../../../../src/client/chert-client.ts';
import { createdOf, must } from '../../checks.ts';
import { unjudged } from '../life.ts';
import { heldBefore, OTHER, recordSent, type ChatCommand, type ChatModel, newChat, type ChatReal, type CommandSpec, type Who } from '../model.ts';

const createKeys = (m: Readonly<ChatModel>) => [...m.keys.entries()].filter(([name, k]) => name.split(' ').length === 2 && k.call.path === '/api/v1/chats');

class KeyAcrossTenants implements ChatCommand {
  constructor(readonly pick: number) {}
  check = (m: Readonly<ChatModel>) => createKeys(m).some(([name]) => !m.keys.has(`${OTHER[name[0] as Who]} ${name.slice(2)}`));
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const free = createKeys(m).filter(([name]) => !m.keys.has(`${OTHER[name[0] as Who]} ${name.slice(2)}`));
    const [name, first] = free[this.pick % free.length]!;
    const who = OTHER[name[0] as Who];
    const key = name.slice(2);
    const body = first.call.body as { from: string; to: string[]; message: unknown };
    const call: Call = { ...first.call, body: { ...body, from: r.from[who] } };
    const res = await r.send(who, call);
    if (unjudged(res, false)) return; // iMessage refused the fictional recipients at once: no chat
    const created = createdOf(res);
    const theirs = m.chats[first.chat];
    must(created.chat.id === theirs?.id ? `tenant ${who}'s create with key ${key}, which tenant ${name[0]} used, returned that tenant's chat` : undefined);
    const existing = m.chats.findIndex((c) => c.id === created.chat.id && c.owner === who);
    const text = String((body.message as { parts?: { value?: unknown }[] }).parts?.[0]?.value);
    if (existing >= 0) recordSent(m.chats[existing]!, created.message.id, text);
    else m.chats.push(newChat(created.chat.id, who, body.to, created.message.id, text, await heldBefore(m, r, who, created.chat.id, created.message.id)));
    m.keys.set(`${who} ${key}`, { chat: existing >= 0 ? existing : m.chats.length - 1, messageId: created.message.id, call });
  }
  toString = () => `keyAcrossTenants(#${this.pick})`;
}

export const spec: CommandSpec = {
  name: 'key-across-tenants',
  needsTwoTenants: true,
  arbitrary: () => fc.nat().map((pick) => new KeyAcrossTenants(pick)),
};
