// The chat's life as a model-based test: long random interleavings of creates (with and without
// keys), replays, follow-ups (with and without keys), history reads and the routes of a chat's
// life (typing, mark-read, rename, add and remove participant, leave, react, edit), from both
// tenants, each answer, every history, roster and name judged against the set of answers the model
// (./chat-model/) allows under every reading of what the docs leave open. A failure shrinks to the
// shortest command sequence, shown and attached as a replayable script.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Call } from '../../src/client/chert-client.ts';
import type { Settings, Tenant } from '../../src/config/settings.ts';
import { test, reqOn } from '../fixtures/index.ts';
import { received } from './checks.ts';
import { emptyModel, type ChatCommand, type ChatReal, type Who } from './chat-model/model.ts';
import { loadCommandSpecs } from './chat-model/registry.ts';
import { CREATES_CHATS, runProperty, type Send } from './run-property.ts';

/** Long enough that wrong orderings and lost messages show, short enough to shrink quickly. */
const MAX_COMMANDS = 30;

function realFor(tenants: Record<Who, Tenant>, twoTenants: boolean, authOf: (t: Tenant) => Call['auth'], send: Send, log: string[]): ChatReal {
  return {
    from: { A: tenants.A.from, B: tenants.B.from },
    unique: randomUUID().slice(0, 8),
    twoTenants,
    send: async (who, call) => {
      const res = await send({ ...call, auth: authOf(tenants[who]) });
      const body = call.body === undefined ? '' : `\n${JSON.stringify(call.body)}`;
      log.push(`# tenant ${who} (${tenants[who].slug})\n${call.method ?? 'GET'} ${call.path}${body}\n# → ${received(res)}`);
      return res;
    },
  };
}

const tenantsOf = (settings: Settings): Record<Who, Tenant> => ({ A: settings.tenant, B: settings.tenantB ?? settings.tenant });

/** The operations the model's commands send (chat-model/commands/: one file each). */
const MODEL_OPERATIONS = ['createChat', 'sendMessage', 'listMessages', 'sendTyping', 'markRead', 'updateChat', 'addParticipant', 'removeParticipant', 'leaveChat', 'reactToMessage', 'editMessage'];

test('over any interleaving of creates, replays, follow-ups and reads from both tenants, every answer and every history is one the model allows', reqOn('CHAT-LIFE-CONSISTENT', MODEL_OPERATIONS), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  const twoTenants = settings.tenantB !== undefined;
  const specs = (await loadCommandSpecs()).filter((s) => twoTenants || !s.needsTwoTenants);
  const commands = fc.commands(specs.map((s) => s.arbitrary({ twoTenants }) as fc.Arbitrary<ChatCommand>), { maxCommands: MAX_COMMANDS, size: 'max' });
  const tenants = tenantsOf(settings);
  const failedLogs = new WeakMap<object, string[]>();
  try {
    await runProperty({ testInfo, settings, chert }, {
      arbitrary: commands,
      check: async (cmds, send) => {
        const log: string[] = [];
        try {
          await fc.asyncModelRun(() => ({ model: emptyModel(), real: realFor(tenants, twoTenants, (t) => chert.auth(t), send, log) }), cmds);
        } catch (error) {
          failedLogs.set(cmds, log);
          throw error;
        }
      },
      describe: (cmds) => [`# commands: ${String(cmds)}`, ...(failedLogs.get(cmds) ?? [])].join('\n\n'),
      // Each case is a whole sequence of up to 30 requests, run alone: a target may return an
      // existing chat for the same members, and two sequences must not share one.
      runs: 0.12,
      batch: 1,
      buildsOnCreates: true,
    });
  } catch (error) {
    const script = testInfo.annotations.filter((a) => a.type === 'counterexample').at(-1)?.description;
    if (script) await testInfo.attach('replay-script.txt', { body: `${String((error as Error).message).split('\n').filter((l) => l.startsWith('replay:')).map((l) => `# ${l}`).join('\n')}\n${script}\n`, contentType: 'text/plain' });
    throw error;
  }
});
