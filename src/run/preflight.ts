// Harmless requests before any test: one proves the target answers and accepts the credentials,
// without sending anything (a create with no message.parts is rejected by validation); two reads
// of chats that do not exist, under one signature, show whether the target refuses a signature it
// has seen on another request (below).
import { randomUUID } from 'node:crypto';
import { SIGNATURE_HEADER, TENANT_HEADER, nowSeconds, signatureHeader } from '../domain/hmac.ts';
import type { Settings, Tenant } from '../config/settings.ts';
import { fictionalRecipients } from '../domain/phones.ts';
import { fetchTransport, NoAnswerError, type Transport } from '../client/transport.ts';

const PREFLIGHT_TIMEOUT_MS = 5_000;

export type PreflightResult = { ok: true } | { ok: false; message: string };

function variables(suffix: '' | '_B'): string {
  return `CHERT_SIGNING_SECRET${suffix} and CHERT_TENANT${suffix}`;
}

type Answer = { status: number; code: unknown };

/** A create with no message.parts: every conforming target rejects it before sending anything. */
async function ask(baseUrl: string, tenant: Tenant, mode: 'hmac' | 'bearer', transport: Transport): Promise<Answer> {
  const body = Buffer.from(JSON.stringify({ from: tenant.from, to: fictionalRecipients(1), message: {} }));
  const auth: Record<string, string> = mode === 'hmac'
    ? { [SIGNATURE_HEADER]: signatureHeader(tenant.secret, body), [TENANT_HEADER]: tenant.slug }
    : { authorization: `Bearer ${tenant.secret}` };
  const res = await transport({ method: 'POST', url: `${baseUrl}/api/v1/chats`, headers: { 'content-type': 'application/json', ...auth }, body, timeoutMs: PREFLIGHT_TIMEOUT_MS });
  let code: unknown;
  try {
    code = (JSON.parse(res.text) as { error?: { code?: unknown } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

/** Lost connections the preflight repeats: its body has no parts, so a repeat cannot send. */
const PREFLIGHT_ATTEMPTS = 3;

/** `ask`, again after a dropped connection; a refusal or a timeout is final at once (a dead host must fail fast). */
async function askSurvivingResets(baseUrl: string, tenant: Tenant, mode: 'hmac' | 'bearer', transport: Transport): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask(baseUrl, tenant, mode, transport);
    } catch (error) {
      const final = !(error instanceof NoAnswerError) || error.kind === 'timeout' || error.kind === 'refused' || attempt >= PREFLIGHT_ATTEMPTS;
      if (final) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

const rejected = (a: Answer) => a.status === 401 || a.status === 403;

async function probe(baseUrl: string, tenant: Tenant, suffix: '' | '_B', transport: Transport): Promise<PreflightResult> {
  let answer: Answer;
  try {
    answer = await askSurvivingResets(baseUrl, tenant, 'hmac', transport);
    // A target whose HMAC check is broken still gets judged, as long as the bearer token works.
    if (rejected(answer)) {
      const bearer = await askSurvivingResets(baseUrl, tenant, 'bearer', transport);
      if (!rejected(bearer)) answer = bearer;
    }
  } catch (error) {
    if (!(error instanceof NoAnswerError)) throw error;
    return { ok: false, message: `Cannot reach the target at ${baseUrl}: ${error.message}. Check CHERT_BASE_URL and that the target is up.` };
  }
  const { status, code } = answer;
  if (rejected(answer)) {
    return { ok: false, message: `The target rejected the credentials of tenant "${tenant.slug}" (HTTP ${status}${code === undefined ? '' : `, code ${String(code)}`}). Check ${variables(suffix)}, and that the machine clock is right.` };
  }
  if (status === 404) {
    return code === 2001
      ? { ok: false, message: `The target does not know tenant "${tenant.slug}" (404, code 2001). Check CHERT_TENANT${suffix}.` }
      : { ok: false, message: `No Chert chats API at ${baseUrl} (POST /api/v1/chats answered 404). Check CHERT_BASE_URL: it is the base, without /api/v1.` };
  }
  return { ok: true };
}

/**
 * Whether the target refuses a signature it has already seen on another request (open choice
 * signature-replay, taken to its letter: "never reuse a signature"). A signed GET signs only
 * "<timestamp>.", so every read of a tenant in one second carries the same signature, and such a
 * target answers at most one read a second: the suite, which reads hundreds of times in a run,
 * cannot judge it, and says so instead of failing it. Two reads of chats that do not exist, the
 * second with the first's signature: any other target answers both alike (404).
 */
async function refusesReusedSignatures(baseUrl: string, tenant: Tenant, transport: Transport): Promise<boolean> {
  const headers = { [SIGNATURE_HEADER]: signatureHeader(tenant.secret, '', nowSeconds()), [TENANT_HEADER]: tenant.slug };
  const read = async () => (await transport({ method: 'GET', url: `${baseUrl}/api/v1/chats/${randomUUID()}/messages`, headers, body: undefined, timeoutMs: PREFLIGHT_TIMEOUT_MS })).status;
  try {
    const first = await read();
    return first !== 401 && (await read()) === 401;
  } catch (error) {
    if (error instanceof NoAnswerError) return false; // the run's own health checks judge a target that does not answer
    throw error;
  }
}

const REUSE_REFUSED = (slug: string) =>
  `The target refuses a signature it has already seen on another request (tenant "${slug}": two reads of chats that do not exist under one signature, the second 401). ` +
  'A signed GET signs only its timestamp, so such a target answers one signed read a second, and the suite cannot judge it (open choice signature-replay, specs/open-choices.yaml). ' +
  'Judge it on a deployment that accepts one signature on different requests within its window.';

export async function preflight(settings: Settings, transport: Transport = fetchTransport): Promise<PreflightResult> {
  const baseUrl = settings.baseUrl;
  if (baseUrl === undefined) return { ok: false, message: 'No target: CHERT_BASE_URL is not set and the built-in mock did not start.' };
  // Both tenants at once: a distant target costs one round trip here, not two.
  const [first, second] = await Promise.all([
    probe(baseUrl, settings.tenant, '', transport),
    settings.tenantB ? probe(baseUrl, settings.tenantB, '_B', transport) : undefined,
  ]);
  const result = !first.ok || !second ? first : second;
  if (!result.ok) return result;
  return (await refusesReusedSignatures(baseUrl, settings.tenant, transport)) ? { ok: false, message: REUSE_REFUSED(settings.tenant.slug) } : result;
}
