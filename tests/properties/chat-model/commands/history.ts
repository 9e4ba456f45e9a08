// listMessages: the owner's read lists the run's messages of that chat, each once, in send order
// where their timestamps differ, nothing the run sent elsewhere, and has_more false on a page that
// holds everything (src/checks/history.ts: every reading of what the page leaves open). A message
// not listed yet is read again a few times; one the target never lists is not held against it
// (the append is best-effort). The other tenant gets 404 / 2002; after the line left a group the
// history may be gone too (404 / 2002).
import fc from 'fast-check';
import { setTimeout as delay } from 'node:timers/promises';
import { judgeHistory } from '../../../../src/checks/history.ts';
import { describeProblems } from '../../../../src/checks/problem.ts';
import { must, received } from '../../checks.ts';
import { mayBeGone } from '../life.ts';
import { chatPath, elsewhere, expectNotFound, OTHER, ownMessages, pickChat, type ChatCommand, type ChatModel, type ChatReal, type CommandSpec, type Who } from '../model.ts';

/** Reads while some of the run's messages are missing, and the wait before each re-read. */
const READS = 3;
const WAIT_MS = 250;

class History implements ChatCommand {
  constructor(readonly owner: Who, readonly pick: number, readonly asOther: boolean) {}
  check = (m: Readonly<ChatModel>) => pickChat(m, this.owner, this.pick) !== undefined;
  async run(m: ChatModel, r: ChatReal): Promise<void> {
    const { c, i } = pickChat(m, this.owner, this.pick)!;
    const reader = this.asOther ? OTHER[this.owner] : this.owner;
    for (let read = 1; read <= READS; read++) {
      const res = await r.send(reader, { method: 'GET', path: chatPath(c.id) });
      if (this.asOther) return expectNotFound(res, `tenant ${reader}'s read of tenant ${this.owner}'s chat #${i}`);
      if (mayBeGone(c) && res.status === 404) return expectNotFound(res, `history of chat #${i}, a group the line may have left`);
      must(res.status === 200 ? undefined : `history of chat #${i}: expected 200, got ${received(res)}`);
      const { problems, missing } = judgeHistory('CHAT-LIFE-CONSISTENT', `history of chat #${i}`, res.json, ownMessages(c), elsewhere(m, c));
      must(problems.length > 0 ? describeProblems(problems) : undefined);
      if (missing.length === 0) return;
      await delay(WAIT_MS * read);
    }
  }
  toString = () => `history(${this.asOther ? `${OTHER[this.owner]} reads ` : ''}${this.owner}'s #${this.pick})`;
}

export const spec: CommandSpec = {
  name: 'history',
  arbitrary: ({ twoTenants }) =>
    fc.tuple(fc.constantFrom<Who>(...(twoTenants ? (['A', 'B'] as const) : (['A'] as const))), fc.nat(), twoTenants ? fc.boolean() : fc.constant(false))
      .map(([owner, pick, asOther]) => new History(owner, pick, asOther)),
};
