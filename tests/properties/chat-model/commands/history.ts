// listMessages: the owner reads exactly the model's history (ids, order, count, has_more); the
// other tenant gets 404 / 2002.
import fc from 'fast-check';
import { historyProblem, must } from '../../checks.ts';
import { chatPath, expectNotFound, OTHER, pickChat, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec, type Who } from '../model.ts';

class History implements ChatCommand {
  constructor(readonly owner: Who, readonly pick: number, readonly asOther: boolean) {}
  check = (m: Readonly<ChatModel>) => pickChat(m, this.owner, this.pick) !== undefined;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickChat(m, this.owner, this.pick)!;
    const reader = this.asOther ? OTHER[this.owner] : this.owner;
    const res = await r.send(reader, { method: 'GET', path: chatPath(c.id) });
    if (this.asOther) return expectNotFound(res, `tenant ${reader}'s read of tenant ${this.owner}'s chat #${i}`);
    must(res.status === 200 ? undefined : `history of chat #${i}: expected 200, got HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    const body = res.json as { messages?: { id?: string; direction?: string }[]; has_more?: unknown };
    must(historyProblem(`history of chat #${i}`, body.messages ?? [], body.has_more, c.messages));
  }
  toString = () => `history(${this.asOther ? `${OTHER[this.owner]} reads ` : ''}${this.owner}'s #${this.pick})`;
}

export const spec: CommandSpec = {
  name: 'history',
  arbitrary: ({ twoTenants }) =>
    fc.tuple(fc.constantFrom<Who>(...(twoTenants ? (['A', 'B'] as const) : (['A'] as const))), fc.nat(), twoTenants ? fc.boolean() : fc.constant(false))
      .map(([owner, pick, asOther]) => new History(owner, pick, asOther)),
};
