// A replay of any keyed request (create or follow-up) with the same body. A create replay returns
// the first answer's ids (documented: /api/group-chats/create). Whether a follow-up's key
// deduplicates is not documented (followup-idempotency-key): the first message again, or a second
// send with an id of its own, which the history then lists too.
import fc from 'fast-check';
import type { Call } from '../../../../src/client/chert-client.ts';
import { must } from '../../checks.ts';
import { isSuccess, judgedAfterLeave, unjudged } from '../life.ts';
import { expectAccepted, recordSent, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class Replay implements ChatCommand {
  constructor(readonly pick: number) {}
  check = (m: Readonly<ChatModel>) => m.keys.size > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const entries = [...m.keys.entries()];
    const [name, first] = entries[this.pick % entries.length] as [string, { chat: number; messageId: string; call: Call }];
    const who = name.startsWith('B ') ? 'B' : 'A';
    const res = await r.send(who, first.call);
    const chat = m.chats[first.chat]!;
    const isFollowUp = first.call.path !== '/api/v1/chats';
    if (isFollowUp && unjudged(res, false)) return; // iMessage refused the send: nothing sent, nothing judged
    if (isFollowUp && judgedAfterLeave(chat, res, `replay of ${name}`) && !isSuccess(res)) return;
    expectAccepted(res, `replay of ${name}`);
    const body = res.json as { chat?: { id?: string }; message?: { id?: string } };
    must(body.chat === undefined || body.chat.id === chat.id ? undefined : `replay of ${name} returned chat ${String(body.chat.id)}, not ${chat.id}`);
    const id = String(body.message?.id);
    if (id === first.messageId) return;
    must(isFollowUp ? undefined : `replay of ${name} returned message ${id}, not ${first.messageId} of the first answer`);
    // The key was not honoured: a second send of the same text, which the history must list too.
    if (!chat.messages.includes(id)) recordSent(chat, id, chat.texts.get(first.messageId) ?? '');
  }
  toString = () => `replay(#${this.pick})`;
}

export const spec: CommandSpec = { name: 'replay', arbitrary: () => fc.nat().map((pick) => new Replay(pick)) };
