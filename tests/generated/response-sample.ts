// The exchanges the generated response checks judge (tests/generated/responses.spec.ts): every
// operation of the spec, under each auth mode, asked once as documented (its example body, on a
// chat this sample created under that mode) and once in a way it rejects before any effect (an
// id that does not exist, or a JSON array as the body). One sample per worker serves every
// response rule; the rules read it, they send nothing of their own.
import { randomUUID } from 'node:crypto';
import type { ChertClient, Auth } from '../../src/client/chert-client.ts';
import { httpTransport } from '../../src/client/transport.ts';
import type { Settings } from '../../src/config/settings.ts';
import type { AuthContext } from '../../src/contract/domain.ts';
import { fillPath, type Operation } from '../../src/contract/operations.ts';
import type { JudgedExchange } from '../../src/checks/response-rules.ts';
import { fictionalTo } from '../fixtures/bodies.ts';
import { withSecretScan } from '../fixtures/leaks.ts';
import { withResponseRules } from '../fixtures/responses.ts';
import { bodyFor, operationById, operations } from './fixtures.ts';

export const SAMPLE_AUTH: readonly AuthContext[] = ['hmac', 'bearer'];

/** Operations that end what the chat can do next (a leave, a removal): asked last, one after the other. */
const ENDS_CHAT = new Set(['leaveChat', 'removeParticipant']);
const ordered = [...operations.filter((o) => !ENDS_CHAT.has(o.operationId)), ...operations.filter((o) => ENDS_CHAT.has(o.operationId))];

function authFor(mode: AuthContext, settings: Settings): Auth {
  return mode === 'bearer' ? { mode: 'bearer', tenant: settings.tenant } : { mode: 'hmac', tenant: settings.tenant };
}

/** A rejection before any effect under every reading: an unknown id in the path, or (no path id) a JSON array as the body. */
async function sendRejected(chert: ChertClient, operation: Operation, auth: Auth): Promise<void> {
  if (operation.pathParameters.length > 0) {
    const ids = { chat: randomUUID(), message: randomUUID().replaceAll('-', ''), participant: fictionalTo(1)[0] as string };
    chert.fabricatedChatIds.add(ids.chat);
    chert.fabricatedMessageIds.add(ids.message);
    const body = operation.requestSchema === undefined ? undefined : bodyFor(operation, chert.settings);
    await chert.send({ method: operation.method, path: fillPath(operation, ids), body, auth, noRetry: true, judgedAnyRepeat: true });
    return;
  }
  if (operation.requestSchema !== undefined) await chert.send({ method: operation.method, path: operation.path, body: '[]', headers: { 'content-type': 'application/json' }, auth, noRetry: true, judgedAnyRepeat: true });
}

/** The documented request on a chat of this mode's own (made by the create, the first one asked). */
async function sendDocumented(chert: ChertClient, operation: Operation, auth: Auth, ids: { chat: string; message: string; participant: string } | undefined): Promise<typeof ids> {
  const body = operation.requestSchema === undefined ? undefined : bodyFor(operation, chert.settings);
  if (operation.pathParameters.length === 0) {
    const res = await chert.send({ method: operation.method, path: operation.path, body, auth });
    const json = res.json as { chat?: { id?: unknown; handles?: { address?: unknown }[] }; message?: { id?: unknown } } | undefined;
    if (operation.operationId !== 'createChat' || res.status >= 300 || typeof json?.chat?.id !== 'string') return ids;
    return { chat: json.chat.id, message: typeof json.message?.id === 'string' ? json.message.id : '', participant: typeof json.chat.handles?.[0]?.address === 'string' ? json.chat.handles[0].address : '' };
  }
  if (!ids || operation.pathParameters.some((p) => ids[p.resource] === '')) return ids;
  await chert.send({ method: operation.method, path: fillPath(operation, ids), body, auth });
  return ids;
}

/** Sends the sample through a client of its own and returns what the response rules made of each answer. */
async function takeSample(parent: ChertClient, settings: Settings): Promise<JudgedExchange[]> {
  const judged: JudgedExchange[] = [];
  // Its own sink: the findings are the response checks' to report, cell by cell, not the fixture's.
  const chert = parent.derive({ transport: withResponseRules(withSecretScan(httpTransport(settings.maxBodyBytes), settings), settings, [], (j) => judged.push(j)) });
  const documented = settings.profile === 'full';
  // Side by side: every rejection at once; the documented requests after the create that makes
  // their chat, then the ones that end what the chat can do, one after the other.
  // A request lost or refused by the client's guard leaves its cell to the other requests of the sample.
  await Promise.all(SAMPLE_AUTH.map(async (mode) => {
    const auth = authFor(mode, settings);
    const rejections = Promise.all(ordered.map((operation) => sendRejected(chert, operation, auth).catch(() => undefined)));
    if (documented) {
      const creates = ordered.filter((o) => o.pathParameters.length === 0);
      const onChat = ordered.filter((o) => o.pathParameters.length > 0 && !ENDS_CHAT.has(o.operationId));
      let ids: Parameters<typeof sendDocumented>[3];
      for (const operation of creates) ids = await sendDocumented(chert, operation, auth, ids).catch(() => ids);
      await Promise.all(onChat.map((operation) => sendDocumented(chert, operation, auth, ids).catch(() => ids)));
      for (const operation of ordered.filter((o) => ENDS_CHAT.has(o.operationId))) await sendDocumented(chert, operation, auth, ids).catch(() => ids);
    }
    await rejections;
  }));
  return judged;
}

const samples = new Map<string, Promise<JudgedExchange[]>>();

/**
 * This worker's sample. Tests whose requests the suite's own tooling routes apart (a fault's or a
 * mutant's mock per requirement: `key`, the extra headers it gives them) each get their own.
 */
export function responseSample(chert: ChertClient, settings: Settings, key: string): Promise<JudgedExchange[]> {
  if (chert.mutantRun) return takeSample(chert, settings);
  let sample = samples.get(key);
  if (!sample) {
    sample = takeSample(chert, settings);
    samples.set(key, sample);
  }
  return sample;
}

export { operationById };
