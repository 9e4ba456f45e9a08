// A replay of any keyed request (create or follow-up) with the same body: the first answer's ids
// again, and no new message in the history.
import fc from 'fast-check';
import { must } from '../../checks.ts';
import { expectAccepted, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec } from '../model.ts';

class Replay implements ChatCommand {
  constructor(readonly pick: number) {}
  check = (m: Readonly<ChatModel>) => m.keys.size > 0;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const entries = [...m.keys.entries()];
    const [name, first] = entries[this.pick % entries.length] as [string, { chat: number; messageId: string; call: import('../../../../src/client/chert-client.ts').Call }];
    const who = name.startsWith('B ') ? 'B' : 'A';
    const res = await r.send(who, first.call);
    expectAccepted(res, `replay of ${name}`);
    const body = res.json as { chat?: { id?: string }; message?: { id?: string } };
    const chat = m.chats[first.chat];
    must(
      body.message?.id === first.messageId ? undefined : `replay of ${name} returned message ${String(body.message?.id)}, not ${first.messageId} of the first answer`,
      body.chat === undefined || body.chat.id === chat?.id ? undefined : `replay of ${name} returned chat ${String(body.chat.id)}, not ${String(chat?.id)}`,
    );
  }
  toString = () => `replay(#${this.pick})`;
}

export const spec: CommandSpec = { name: 'replay', arbitrary: () => fc.nat().map((pick) => new Replay(pick)) };
