// Turns a generated auth case's request (data) into the client's call options: the credentials,
// and the change made to the signed request before it leaves.
import { randomUUID } from 'node:crypto';
import { SIGNATURE_HEADER, signatureHeader } from '../../src/domain/hmac.ts';
import type { Auth, Call, ChertClient } from '../../src/client/chert-client.ts';
import type { WireRequest } from '../../src/client/transport.ts';
import type { Settings, Tenant } from '../../src/config/settings.ts';
import type { Operation } from '../../src/contract/operations.ts';
import { changedHex, changedToken, malformedHeader, type AuthRequest } from '../../src/contract/generate/auth-cases.ts';

export type AuthCall = Pick<Call, 'auth' | 'headers' | 'tamper'>;
type Hmac = Extract<AuthRequest, { kind: 'hmac' }>;

/** The call options, or the reason the case cannot run with these tenants. */
export function authCall(request: AuthRequest, tenant: Tenant, tenantB: Tenant | undefined): AuthCall | { skip: string } {
  if (request.kind === 'none') return { auth: { mode: 'none' } };
  if (request.kind === 'bearer') {
    const token = request.token === 'own' ? tenant.secret : changedToken(tenant.secret, request.token);
    if (token === undefined) return { skip: `the ${request.token} change leaves this secret unchanged` };
    const auth: Auth = { mode: 'bearer', token, ...(request.tenantHeader ? { tenantHeader: tenant.slug } : {}) };
    return request.scheme === 'Bearer' ? { auth } : { auth, headers: { authorization: `${request.scheme} ${token}` } };
  }
  const secret = secretOf(request, tenant, tenantB);
  if (secret === undefined) return { skip: 'needs a second tenant: set CHERT_TENANT_B, CHERT_SIGNING_SECRET_B, CHERT_FROM_B' };
  const tenantHeader = request.tenantHeader === 'own' ? tenant.slug : request.tenantHeader === 'absent' ? null : `no-such-tenant-${randomUUID().slice(0, 8)}`;
  return { auth: { mode: 'hmac', tenant, secret, tenantHeader, skewSeconds: request.skewSeconds }, tamper: tamperOf(request, secret, tenant) };
}

function secretOf(request: Hmac, tenant: Tenant, tenantB: Tenant | undefined): string | undefined {
  if (request.secret === 'own') return tenant.secret;
  if (request.secret === 'other-tenant') return tenantB?.secret;
  return changedToken(tenant.secret, 'unrelated');
}

function withSignature(request: WireRequest, value: string): WireRequest {
  return { ...request, headers: { ...request.headers, [SIGNATURE_HEADER]: value } };
}

/** The change the case makes after signing, in the order a real client's bug would make it. */
function tamperOf(request: Hmac, secret: string, tenant: Tenant): ((wire: WireRequest) => WireRequest) | undefined {
  const { hex, header, signedOver, bearerToo } = request;
  if (!hex && !header && !signedOver && !bearerToo) return undefined;
  return (wire) => {
    let out = wire;
    const signed = out.headers[SIGNATURE_HEADER] as string;
    const [version, timestamp, digest] = signed.split(',') as [string, string, string];
    if (hex) out = withSignature(out, `${version},${timestamp},${changedHex(digest, hex)}`);
    if (header) out = withSignature(out, malformedHeader(signed, header));
    if (signedOver === 'empty-body') out = withSignature(out, signatureHeader(secret, '', Number(timestamp)));
    if (signedOver === 'braces') out = withSignature(out, signatureHeader(secret, '{}', Number(timestamp)));
    if (signedOver === 'body-then-trailing-space') out = { ...out, body: Buffer.concat([out.body ?? Buffer.alloc(0), Buffer.from(' ')]) };
    if (bearerToo) out = { ...out, headers: { ...out.headers, authorization: `Bearer ${tenant.secret}` } };
    return out;
  };
}

export type AuthAnswer = { skipped: string } | { status: number; code: number | undefined; text: string };

/** Sends one auth case to an operation: its example body, the case's credentials. */
export async function sendAuthCase(chert: ChertClient, settings: Settings, operation: Operation, path: string, body: unknown, request: AuthRequest): Promise<AuthAnswer> {
  const call = authCall(request, settings.tenant, settings.tenantB);
  if ('skip' in call) return { skipped: call.skip };
  // Auth cases judge only the authentication answer, which a repeat cannot change.
  const res = await chert.send({ method: operation.method, path, body, ...call, judgedAnyRepeat: true });
  const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return { status: res.status, code: typeof code === 'number' ? code : undefined, text: res.text };
}
