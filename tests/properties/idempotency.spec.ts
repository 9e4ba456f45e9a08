// Idempotency as a model-based test: random sequences of creates, replays, replays with another
// body and concurrent bursts, run against a model of "the first answer per key".
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ChertClient } from '../../src/client/chert-client.ts';
import type { Settings, Tenant } from '../../src/config/settings.ts';
import { req, test } from '../fixtures/index.ts';
import { emptyModel, oneTenantCommands, twoTenantCommands, type IdemModel, type IdemReal, type Who } from './idempotency-model.ts';
import { received } from './checks.ts';
import { CREATES_CHATS, createCall, readyRequest, runProperty, type Property, type Send } from './run-property.ts';

type Commands = Iterable<fc.AsyncCommand<IdemModel, IdemReal>>;

/** The real side of one model run: a fresh key prefix, and a log of every request and answer. */
function realFor(chert: ChertClient, tenants: Record<Who, Tenant>, send: Send, log: string[]): IdemReal {
  return {
    from: { A: tenants.A.from, B: tenants.B.from },
    unique: randomUUID().slice(0, 8),
    send: async (who, body) => {
      const res = await send(createCall(body, { auth: chert.auth(tenants[who]) }));
      log.push(`${readyRequest(body, `tenant ${who} (${tenants[who].slug}), ${chert.authMode === 'bearer' ? 'bearer' : 'HMAC v1 as sent'}`)}\n→ ${received(res)}`);
      return res;
    },
  };
}

/** A model-based property: each case is a command sequence; the failing run's requests are its counterexample. */
function modelProperty(chert: ChertClient, tenants: Record<Who, Tenant>, commands: fc.Arbitrary<Commands>): Property<Commands> {
  const failedLogs = new WeakMap<object, string[]>();
  return {
    arbitrary: commands,
    check: async (cmds, send) => {
      const log: string[] = [];
      try {
        await fc.asyncModelRun(() => ({ model: emptyModel(), real: realFor(chert, tenants, send, log) }), cmds);
      } catch (error) {
        failedLogs.set(cmds, log);
        throw error;
      }
    },
    describe: (cmds) => `commands: ${String(cmds)}\n${(failedLogs.get(cmds) ?? []).join('\n\n')}`,
    // Each case is a whole sequence; a few run side by side (their keys never meet).
    runs: 0.3,
    batch: 4,
    buildsOnCreates: true,
  };
}

// Tenant B is only addressed by the two-tenant test, which is skipped without CHERT_TENANT_B.
const tenantsOf = (settings: Settings): Record<Who, Tenant> => ({ A: settings.tenant, B: settings.tenantB ?? settings.tenant });

test('one idempotency key and body never yield two chats, whether replayed or sent concurrently', req('IDEM-ONE-CHAT-PER-KEY'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  const commands = fc.commands(oneTenantCommands, { maxCommands: 8 });
  await runProperty({ testInfo, settings, chert }, modelProperty(chert, tenantsOf(settings), commands));
});

test("another tenant's use of a key always gets its own chat, and each tenant keeps one chat per key", req('IDEM-TENANT-SCOPED'), async ({ chert, settings }, testInfo) => {
  test.skip(settings.profile === 'safe', CREATES_CHATS);
  test.skip(!settings.tenantB, 'needs a second tenant: set CHERT_TENANT_B, CHERT_SIGNING_SECRET_B, CHERT_FROM_B');
  const commands = fc.commands(twoTenantCommands, { maxCommands: 8 });
  await runProperty({ testInfo, settings, chert }, modelProperty(chert, tenantsOf(settings), commands));
});
