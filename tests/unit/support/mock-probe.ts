// A small client for the mock's own unit tests: sends signed or bearer requests and, when
// asked, judges every answer against the spec (schema for its route and status, X-Trace-ID,
// the envelope's invariants) so no test can pass on a non-conforming answer.
import { signatureHeader } from '../../../src/domain/hmac.ts';
import { MOCK_DEFAULTS, type Tenant } from '../../../src/config/settings.ts';
import { responseSchemaName, specPathFor, validate } from '../../../src/contract/validators.ts';
import { STATS_PATH } from '../../../src/mock/router.ts';
import { startMock, type MockOptions, type RunningMock } from '../../../src/mock/server.ts';
import type { CreateChatResponse, ErrorEnvelope, MessageList, SendMessageResponse } from '../../../src/mock/types.ts';

export type ProbeAuth =
  | { kind: 'bearer'; tenant: Tenant; tenantHeader?: string; token?: string }
  | { kind: 'hmac'; tenant: Tenant; tenantHeader?: string | null; timestamp?: number; signedBody?: string | Buffer; header?: string }
  | { kind: 'none' };

export type ProbeRequest = {
  method?: string;
  path?: string;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: unknown;
  auth?: ProbeAuth;
  headers?: Record<string, string>;
};

export type Exchange = {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  traceId: string | null;
};

const RETRYABLE_CODES = new Set([1007, 3001, 3002, 3003, 3004, 4001, 4002]);

function rawBody(body: unknown): string | Buffer | undefined {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) return body as string | Buffer | undefined;
  return JSON.stringify(body);
}

function authHeaders(auth: ProbeAuth, body: string | Buffer | undefined): Record<string, string> {
  if (auth.kind === 'none') return {};
  if (auth.kind === 'bearer') {
    const headers: Record<string, string> = { authorization: `Bearer ${auth.token ?? auth.tenant.secret}` };
    if (auth.tenantHeader !== undefined) headers['x-chert-tenant'] = auth.tenantHeader;
    return headers;
  }
  const header = auth.header ?? signatureHeader(auth.tenant.secret, auth.signedBody ?? body ?? '', auth.timestamp);
  const headers: Record<string, string> = { 'x-chert-signature': header };
  const tenant = auth.tenantHeader === undefined ? auth.tenant.slug : auth.tenantHeader;
  if (tenant !== null) headers['x-chert-tenant'] = tenant;
  return headers;
}

function envelopeProblems(exchange: Exchange): string[] {
  const envelope = exchange.json as ErrorEnvelope;
  const problems: string[] = [];
  if (envelope.trace_id !== exchange.traceId) problems.push(`trace_id ${envelope.trace_id} differs from X-Trace-ID ${exchange.traceId}`);
  if (envelope.error.status !== exchange.status) problems.push(`error.status ${envelope.error.status} differs from HTTP ${exchange.status}`);
  if (envelope.error.retryable !== RETRYABLE_CODES.has(envelope.error.code)) problems.push(`retryable ${envelope.error.retryable} is wrong for code ${envelope.error.code}`);
  const retryAfter = exchange.headers.get('retry-after');
  if ((envelope.error.retry_after === undefined ? null : String(envelope.error.retry_after)) !== retryAfter) {
    problems.push(`retry_after ${envelope.error.retry_after} is not mirrored by Retry-After ${retryAfter}`);
  }
  return problems;
}

/** Every way an answer departs from the spec; empty when it conforms. */
export function contractProblems(exchange: Exchange): string[] {
  if (!exchange.traceId) return ['no X-Trace-ID header'];
  const path = exchange.path.split('?')[0] as string;
  if (path === STATS_PATH || path.startsWith('/__mock/')) return [];
  const specPath = specPathFor(path);
  const schema = responseSchemaName(specPath, exchange.method, exchange.status) ?? (exchange.status >= 400 ? 'ErrorEnvelope' : undefined);
  if (!schema) return [`${exchange.method} ${specPath} documents no ${exchange.status} answer`];
  const result = validate(schema, exchange.json);
  if (!result.valid) return result.errors.map((e) => `${schema}: ${e}`);
  return exchange.status >= 400 ? envelopeProblems(exchange) : [];
}

export class MockClient {
  /** Every exchange, in order: tests read it to judge what the mock answered. */
  readonly exchanges: Exchange[] = [];

  constructor(
    readonly baseUrl: string,
    readonly tenants: readonly Tenant[],
    /** Throw on any answer that departs from the spec (off when probing a fault). */
    readonly judge = true,
  ) {}

  get tenant(): Tenant {
    return this.tenants[0] as Tenant;
  }

  async send(request: ProbeRequest): Promise<Exchange> {
    const method = request.method ?? 'POST';
    const path = request.path ?? '/api/v1/chats';
    const body = rawBody(request.body);
    const auth = request.auth ?? { kind: 'bearer', tenant: this.tenant };
    const headers = { 'content-type': 'application/json', ...authHeaders(auth, body), ...request.headers };
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const exchange: Exchange = { method, path, status: response.status, headers: response.headers, text, json, traceId: response.headers.get('x-trace-id') };
    this.exchanges.push(exchange);
    if (this.judge) {
      const problems = contractProblems(exchange);
      if (problems.length > 0) throw new Error(`${method} ${path} → ${exchange.status} departs from the spec: ${problems.join('; ')}\n${text.slice(0, 500)}`);
    }
    return exchange;
  }

  create(body: unknown, auth?: ProbeAuth): Promise<Exchange> {
    return this.send({ body, auth });
  }

  followup(chatId: string, body: unknown, auth?: ProbeAuth): Promise<Exchange> {
    return this.send({ path: `/api/v1/chats/${chatId}/messages`, body, auth });
  }

  history(chatId: string, auth?: ProbeAuth): Promise<Exchange> {
    return this.send({ method: 'GET', path: `/api/v1/chats/${chatId}/messages`, auth });
  }
}

/** A valid create body for the tenant: 1:1 unless more recipients are given. */
export function createBody(tenant: Tenant, overrides: { to?: string[]; parts?: unknown[]; subject?: string; key?: string } = {}): Record<string, unknown> {
  const message: Record<string, unknown> = { parts: overrides.parts ?? [{ type: 'text', value: 'Hello from the mock tests.' }] };
  if (overrides.subject !== undefined) message.subject = overrides.subject;
  if (overrides.key !== undefined) message.idempotency_key = overrides.key;
  return { from: tenant.from, to: overrides.to ?? ['+14155550100'], message };
}

/** Up to 100 distinct fictional North American numbers: +1 415 555 0100 to 0199. */
export function recipients(n: number): string[] {
  if (n > 100) throw new RangeError('The fictional range holds 100 numbers.');
  return Array.from({ length: n }, (_, i) => `+14155550${100 + i}`);
}

export const errorOf = (exchange: Exchange): ErrorEnvelope['error'] | undefined => (exchange.json as Partial<ErrorEnvelope> | undefined)?.error;
export const createdOf = (exchange: Exchange): CreateChatResponse => exchange.json as CreateChatResponse;
export const sentOf = (exchange: Exchange): SendMessageResponse => exchange.json as SendMessageResponse;
export const historyOf = (exchange: Exchange): MessageList => exchange.json as MessageList;

/** The mock's default tenants, as the suite's settings give them when no target is set. */
export const TEST_TENANTS: readonly Tenant[] = [MOCK_DEFAULTS.tenant, MOCK_DEFAULTS.tenantB];

/** A mock on a free port with the default tenants, and a client for it. */
export async function probeMock(options: Partial<MockOptions> = {}, judge = true): Promise<{ mock: RunningMock; client: MockClient }> {
  const mock = await startMock({ tenants: [...TEST_TENANTS], ...options });
  return { mock, client: new MockClient(mock.url, TEST_TENANTS, judge) };
}
