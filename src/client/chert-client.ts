// The client every test talks through: it serialises once, signs the exact bytes it sends
// (fresh timestamp per attempt), retries as the docs allow, guards recipients, records exchanges.
import { SIGNATURE_HEADER, TENANT_HEADER, nowSeconds, signatureHeader } from '../auth/hmac.ts';
import type { Settings, Tenant } from '../config/settings.ts';
import { recordExchange, type Exchange } from './exchange.ts';
import { tenantSecrets, type Secret } from './redact.ts';
import { assertSafeRequest } from './guard.ts';
import { retryDecision } from './retry.ts';
import { NoAnswerError, type Transport, type WireRequest, type WireResponse } from './transport.ts';

export type AuthMode = 'bearer' | 'hmac';

export type Auth =
  | { mode: 'none' }
  | { mode: 'bearer'; tenant?: Tenant; token?: string; tenantHeader?: string }
  | { mode: 'hmac'; tenant?: Tenant; secret?: string; tenantHeader?: string | null; skewSeconds?: number };

export type Call = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  /** An object is sent as compact JSON; a string or Buffer is sent byte for byte. */
  body?: unknown;
  auth?: Auth;
  /** Extra headers; a null value removes a header the client would set. */
  headers?: Record<string, string | null>;
  /** Changes the signed request before it is sent (tamper tests); applied on every attempt. */
  tamper?: (request: WireRequest) => WireRequest;
  /** Give up on retries (the test judges the first answer). */
  noRetry?: boolean;
};

export type ChertResponse = WireResponse & {
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  attempts: number;
  /** What was asked, so a response can be judged against the spec for its route. */
  method: string;
  path: string;
};

/** The target gave no usable answer; the requirement is inconclusive, not failed. */
export class InconclusiveError extends Error {
  override name = 'InconclusiveError';
  constructor(message: string) {
    super(`[inconclusive] ${message}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function bodyBytes(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

export type ClientOptions = {
  settings: Settings;
  transport: Transport;
  authMode: AuthMode;
  /** Shared across a worker so follow-ups may reach chats any test of this worker created. */
  knownChatIds?: Set<string>;
  fabricatedChatIds?: Set<string>;
  /** Message ids this client's creates and follow-ups returned: react and edit may reach only these. */
  knownMessageIds?: Set<string>;
};

export class ChertClient {
  readonly exchanges: Exchange[] = [];
  readonly knownChatIds: Set<string>;
  readonly fabricatedChatIds: Set<string>;
  readonly knownMessageIds: Set<string>;
  /** Message ids made up to probe "message not found". */
  readonly fabricatedMessageIds = new Set<string>();
  /** What every recorded exchange is redacted of: the configured tenants' secrets. */
  private readonly secrets: Secret[];

  constructor(private readonly options: ClientOptions) {
    this.knownChatIds = options.knownChatIds ?? new Set();
    this.fabricatedChatIds = options.fabricatedChatIds ?? new Set();
    this.knownMessageIds = options.knownMessageIds ?? new Set();
    const { tenant, tenantB } = options.settings;
    this.secrets = tenantSecrets(tenantB ? [tenant, tenantB] : [tenant]);
  }

  get settings(): Settings {
    return this.options.settings;
  }

  get authMode(): AuthMode {
    return this.options.authMode;
  }

  /** The default credentials of this client's auth mode for a tenant. */
  auth(tenant: Tenant = this.settings.tenant): Auth {
    return this.authMode === 'bearer' ? { mode: 'bearer', tenant } : { mode: 'hmac', tenant };
  }


  /** The variable a reproducer should read the secret of this call from. */
  private secretVariable(call: Call): string {
    const auth = call.auth ?? this.auth();
    const tenant = auth.mode === 'none' ? undefined : auth.tenant;
    return tenant !== undefined && tenant === this.settings.tenantB ? 'CHERT_SIGNING_SECRET_B' : 'CHERT_SIGNING_SECRET';
  }

  private build(call: Call, bytes: Buffer | undefined): WireRequest {
    const auth = call.auth ?? this.auth();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (bytes !== undefined) headers['content-type'] = 'application/json';
    if (auth.mode === 'bearer') {
      headers.authorization = `Bearer ${auth.token ?? (auth.tenant ?? this.settings.tenant).secret}`;
      if (auth.tenantHeader !== undefined) headers[TENANT_HEADER] = auth.tenantHeader;
    } else if (auth.mode === 'hmac') {
      const tenant = auth.tenant ?? this.settings.tenant;
      const timestamp = nowSeconds() + (auth.skewSeconds ?? 0);
      headers[SIGNATURE_HEADER] = signatureHeader(auth.secret ?? tenant.secret, bytes ?? '', timestamp);
      const slug = auth.tenantHeader === undefined ? tenant.slug : auth.tenantHeader;
      if (slug !== null) headers[TENANT_HEADER] = slug;
    }
    for (const [name, value] of Object.entries(call.headers ?? {})) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    const request: WireRequest = {
      method: call.method ?? (bytes === undefined ? 'GET' : 'POST'),
      url: `${this.baseUrl()}${call.path}`,
      headers,
      body: bytes,
      timeoutMs: this.settings.requestTimeoutMs,
    };
    return call.tamper ? call.tamper(request) : request;
  }

  private baseUrl(): string {
    const base = this.settings.baseUrl;
    if (base === undefined) throw new Error('CHERT_BASE_URL is not set: the built-in mock should have set it in globalSetup.');
    return base;
  }

  /** Sends one call, retrying as the docs allow; throws InconclusiveError when no answer comes. */
  async send(call: Call): Promise<ChertResponse> {
    const bytes = bodyBytes(call.body);
    for (let attempt = 1; ; attempt++) {
      const request = this.build(call, bytes);
      assertSafeRequest(request.method, call.path, request.body, {
        allowlist: this.settings.liveRecipients,
        knownChatIds: this.knownChatIds,
        fabricatedChatIds: this.fabricatedChatIds,
        knownMessageIds: this.knownMessageIds,
        fabricatedMessageIds: this.fabricatedMessageIds,
      });
      let response: WireResponse;
      try {
        response = await this.options.transport(request);
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        this.exchanges.push(recordExchange(request, null, this.secrets, error.message, this.secretVariable(call)));
        if (attempt < 3 && !call.noRetry) continue;
        throw new InconclusiveError(`${request.method} ${call.path}: ${error.message}`);
      }
      this.exchanges.push(recordExchange(request, response, this.secrets, undefined, this.secretVariable(call)));
      const decision = call.noRetry ? { retry: false as const } : retryDecision(response, attempt);
      if (decision.retry) {
        await sleep(decision.waitMs);
        continue;
      }
      if (response.status === 429 && !call.noRetry) {
        throw new InconclusiveError(`${request.method} ${call.path}: still throttled (429) after ${attempt} attempts`);
      }
      return this.remember(call, { ...response, json: parseJson(response.text), attempts: attempt, method: request.method, path: call.path });
    }
  }

  private remember(call: Call, res: ChertResponse): ChertResponse {
    const chatId = (res.json as { chat?: { id?: unknown } } | undefined)?.chat?.id;
    if (call.path === '/api/v1/chats' && res.status < 300 && typeof chatId === 'string') this.knownChatIds.add(chatId);
    const messageId = (res.json as { message?: { id?: unknown } } | undefined)?.message?.id;
    if (call.method === 'POST' && res.status < 300 && typeof messageId === 'string') this.knownMessageIds.add(messageId);
    return res;
  }

  create(body: unknown, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: '/api/v1/chats', body, ...call });
  }

  followUp(chatId: string, body: unknown, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: `/api/v1/chats/${encodeURIComponent(chatId)}/messages`, body, ...call });
  }

  history(chatId: string, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'GET', path: `/api/v1/chats/${encodeURIComponent(chatId)}/messages`, ...call });
  }

  /** A random chat id that names no chat, registered so the guard lets follow-ups probe it. */
  unknownChatId(): string {
    const id = crypto.randomUUID();
    this.fabricatedChatIds.add(id);
    return id;
  }

  // --- the routes of a chat's life after creation (contract 1c) ---------------------------

  typing(chatId: string, body: unknown, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: `${chatPath(chatId)}/typing`, body, ...call });
  }

  /** Bodyless: an HMAC signature covers "<ts>.". */
  markRead(chatId: string, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: `${chatPath(chatId)}/mark-read`, ...call });
  }

  updateChat(chatId: string, body: unknown, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'PUT', path: chatPath(chatId), body, ...call });
  }

  addParticipant(chatId: string, body: unknown, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: `${chatPath(chatId)}/participants`, body, ...call });
  }

  /** The address is URL-encoded into the path (`%2B1415…`), as the docs show. */
  removeParticipant(chatId: string, address: string, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'DELETE', path: `${chatPath(chatId)}/participants/${encodeURIComponent(address)}`, ...call });
  }

  leave(chatId: string, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: `${chatPath(chatId)}/leave`, ...call });
  }

  react(messageId: string, body: unknown, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: `/api/v1/messages/${encodeURIComponent(messageId)}/react`, body, ...call });
  }

  edit(messageId: string, body: unknown, call: Omit<Call, 'path' | 'body'> = {}): Promise<ChertResponse> {
    return this.send({ method: 'POST', path: `/api/v1/messages/${encodeURIComponent(messageId)}/edit`, body, ...call });
  }

  /** A random message id that names no message, registered so the guard lets react and edit probe it. */
  unknownMessageId(): string {
    const id = crypto.randomUUID().replaceAll('-', '');
    this.fabricatedMessageIds.add(id);
    return id;
  }
}

const chatPath = (chatId: string): string => `/api/v1/chats/${encodeURIComponent(chatId)}`;
