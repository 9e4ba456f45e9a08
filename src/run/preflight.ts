// One harmless request before any test: proves the target answers and accepts the credentials,
// without sending anything (a create with no message.parts is rejected by validation).
import { SIGNATURE_HEADER, TENANT_HEADER, signatureHeader } from '../domain/hmac.ts';
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

export async function preflight(settings: Settings, transport: Transport = fetchTransport): Promise<PreflightResult> {
  const baseUrl = settings.baseUrl;
  if (baseUrl === undefined) return { ok: false, message: 'No target: CHERT_BASE_URL is not set and the built-in mock did not start.' };
  // Both tenants at once: a distant target costs one round trip here, not two.
  const [first, second] = await Promise.all([
    probe(baseUrl, settings.tenant, '', transport),
    settings.tenantB ? probe(baseUrl, settings.tenantB, '_B', transport) : undefined,
  ]);
  return !first.ok || !second ? first : second;
}
