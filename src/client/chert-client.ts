// The client every test talks through: it serialises once, signs the exact bytes it sends
// (fresh timestamp per attempt), retries as the docs allow, guards recipients, records exchanges.
import { SIGNATURE_HEADER, TENANT_HEADER, nowSeconds } from '../domain/hmac.ts';
import type { Settings, Tenant } from '../config/settings.ts';
import { recordExchangeLazily, type Exchange } from './exchange.ts';
import { tenantSecrets, type Secret } from './redact.ts';
import { assertSafeRequest } from './guard.ts';
import { InflightLimiter } from './inflight.ts';
import { withIdempotencyKey, replaySafe } from './replay-safety.ts';
import { RetryBudget } from './retry-budget.ts';
import { retryDecision } from './retry.ts';
import { SignatureClock } from './signature-clock.ts';
import { silenceLimitMs, TargetHealth } from './target-health.ts';
import { NoAnswerError, type Transport, type WireRequest, type WireResponse } from './transport.ts';
import { jsonOf } from '../checks/wire.ts';

export type AuthMode = 'bearer' | 'hmac';

export type Auth =
  | { mode: 'none' }
  | { mode: 'bearer'; tenant?: Tenant; token?: string; tenantHeader?: string }
  | { mode: 'hmac'; tenant?: Tenant; secret?: string; tenantHeader?: string | null; skewSeconds?: number };

export type Call = {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
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
  /** This request's timeout, when it is not CHERT_TIMEOUT_MS (the protocol-edge checks' bound). */
  timeoutMs?: number;
  /**
   * Send a create or follow-up without the idempotency key the client otherwise adds (a test of
   * key-less behaviour): such a request is not retried after a dropped connection.
   */
  keyless?: boolean;
  /**
   * The answer the test judges holds whatever a repeat did (a rejection before any effect, or only
   * "was it authenticated"), and the guard has kept the request to the run's own chats and
   * fictional recipients: after a dropped connection it is sent again like a read.
   */
  judgedAnyRepeat?: boolean;
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

/** The target stopped answering: the run cancels what it has not judged (see target-health.ts). */
export class DeadTargetError extends InconclusiveError {
  override name = 'DeadTargetError';
  constructor(reason: string) {
    super(reason.replace(/^\[inconclusive\] /, ''));
  }
}

/** The connection dropped and a retry could have sent twice: this request proves nothing. */
export class NotRetriedError extends InconclusiveError {
  override name = 'NotRetriedError';
}

/** The answer was longer than CHERT_MAX_BODY_BYTES: no documented answer comes near it. */
export class OversizedAnswerError extends Error {
  override name = 'OversizedAnswerError';
}

/** The target asked to wait (429 / 1007, 503 / 4002), for a client built to hand throttling back. */
export class ThrottledError extends Error {
  override name = 'Throttled';
  constructor(readonly waitMs: number) {
    super(`throttled: the target asked to wait ${waitMs} ms`);
  }
}

/**
 * Tries of one request that got no answer, when a retry cannot send twice, and the pause before
 * each: a dropped connection is retried at once (1 in 10 dropped fails 6 times 1e-6 of the time),
 * a refusal after a pause, a timeout once (the health tracker judges a silent target).
 */
const UNANSWERED_RETRIES: Record<NoAnswerError['kind'], { attempts: number; pauseMs: number }> = {
  reset: { attempts: 6, pauseMs: 5 },
  refused: { attempts: 3, pauseMs: 200 },
  other: { attempts: 3, pauseMs: 200 },
  timeout: { attempts: 2, pauseMs: 0 },
  cancelled: { attempts: 1, pauseMs: 0 },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A wait for an in-flight slot longer than this re-signs the request (the skew tests keep 30 s of margin or more). */
const RESIGN_AFTER_MS = 1_000;

/** An answer with its body parsed once: undefined when it is not JSON. */
type Answered = WireResponse & { json: unknown };

/** How an answer speaks of the target: throttling, or unusable (not JSON at all: an HTML page, a proxy, nothing). */
function assess(res: Answered): { throttled: boolean; usable: boolean; what: string } {
  const asked = retryDecision(res, 1);
  const throttled = asked.retry && asked.reason === 'throttled';
  const usable = res.json !== undefined;
  const type = usable ? '' : ` ${(res.headers['content-type'] ?? 'without a content type').split(';')[0]}`;
  return { throttled, usable, what: `HTTP ${res.status}${type}` };
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
  /** Message ids made up to probe "message not found" (a derived client shares its parent's). */
  fabricatedMessageIds?: Set<string>;
  /** Message ids this client's creates and follow-ups returned: react and edit may reach only these. */
  knownMessageIds?: Set<string>;
  /** Whether the target still answers; this client's own by default (tests share the worker's, src/run/run-services.ts). */
  health?: TargetHealth;
  /** Retries of retryable errors left; this client's own by default. */
  retryBudget?: RetryBudget;
  /** Requests in flight at once; this client's own window under CHERT_MAX_INFLIGHT by default. */
  limiter?: InflightLimiter;
  /** The timestamps this client signs at (signature-clock.ts): the worker's clock in a run, the process's own by default. */
  signatureClock?: SignatureClock;
  /**
   * A run of the suite's mutation tooling, whose target is a local mock that changes mutant from
   * test to test and never fails by chance: neither an error nor a timeout is retried (a retry
   * only delays a kill; a reset still is, as when a server refuses a large body before reading
   * it), and throttling is not waited out.
   */
  mutantRun?: boolean;
  /** Headers every request of this client carries besides its own (a mutation run's slot tag). */
  headers?: Record<string, string>;
  /** Throw ThrottledError on 429 / 503-4002 instead of waiting Retry-After (the caller decides). */
  throwWhenThrottled?: boolean;
};

/** The clock of a client outside a run's worker (a script, a unit test): the one lane of its process. */
let processClock: SignatureClock | undefined;

let deliveryRefusals = 0;

/**
 * How many answers this process got that refused delivery downstream (502 / 4001). The docs give
 * that answer to any send (open choice undeliverable-recipient: fictional recipients may be
 * refused at once), so a test that failed beside one was not judged (tests/fixtures/client.ts).
 */
export const deliveryRefusalCount = (): number => deliveryRefusals;

const DOWNSTREAM_REFUSAL = /"code"\s*:\s*4001\b/;

export class ChertClient {
  readonly exchanges: Exchange[] = [];
  readonly knownChatIds: Set<string>;
  readonly fabricatedChatIds: Set<string>;
  readonly knownMessageIds: Set<string>;
  /** Message ids made up to probe "message not found". */
  readonly fabricatedMessageIds: Set<string>;
  /** What every recorded exchange is redacted of: the configured tenants' secrets. */
  private readonly secrets: Secret[];
  private readonly health: TargetHealth;
  private readonly retryBudget: RetryBudget;
  /** Whether a request that timed out is sent again (where that cannot send twice). */
  private readonly retriesTimeouts: boolean;
  /** Whether a throttled answer is waited out (Retry-After) and sent again. */
  private readonly waitsOutThrottling: boolean;
  private readonly limiter: InflightLimiter;
  private readonly clock: SignatureClock;

  constructor(private readonly options: ClientOptions) {
    this.knownChatIds = options.knownChatIds ?? new Set();
    this.fabricatedChatIds = options.fabricatedChatIds ?? new Set();
    this.fabricatedMessageIds = options.fabricatedMessageIds ?? new Set();
    this.knownMessageIds = options.knownMessageIds ?? new Set();
    const { requestTimeoutMs, maxInflight } = options.settings;
    const mutantRun = options.mutantRun === true;
    this.health = options.health ?? new TargetHealth({ runDir: undefined, silenceMs: silenceLimitMs(requestTimeoutMs) });
    this.retryBudget = options.retryBudget ?? (mutantRun ? RetryBudget.none() : new RetryBudget(undefined));
    this.retriesTimeouts = !mutantRun;
    // That mock throttles only when a mutant makes it: waiting out its Retry-After (up to 10 s, 40
    // times) would only turn the kill into a test timeout the runner cannot tell from a slow machine.
    this.waitsOutThrottling = !mutantRun;
    this.limiter = options.limiter ?? new InflightLimiter(maxInflight);
    this.clock = options.signatureClock ?? (processClock ??= new SignatureClock(0, 1));
    const { tenant, tenantB } = options.settings;
    this.secrets = tenantSecrets(tenantB ? [tenant, tenantB] : [tenant]);
  }

  get settings(): Settings {
    return this.options.settings;
  }

  get authMode(): AuthMode {
    return this.options.authMode;
  }

  /** Whether this client serves a mutation run (see ClientOptions.mutantRun). */
  get mutantRun(): boolean {
    return this.options.mutantRun === true;
  }

  /** Requests this client may keep in flight at once: as many independent ones as a test should start together. */
  get inflightCap(): number {
    return this.limiter.cap;
  }

  /**
   * A client sharing this one's settings, ids, run services and headers, with `overrides` (a
   * property's client that hands throttling back, say). Its exchanges are its own.
   */
  derive(overrides: Partial<ClientOptions> = {}): ChertClient {
    return new ChertClient({
      ...this.options,
      knownChatIds: this.knownChatIds,
      fabricatedChatIds: this.fabricatedChatIds,
      knownMessageIds: this.knownMessageIds,
      fabricatedMessageIds: this.fabricatedMessageIds,
      health: this.health,
      retryBudget: this.retryBudget,
      limiter: this.limiter,
      signatureClock: this.clock,
      ...overrides,
    });
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
    const method = call.method ?? (bytes === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    if (bytes !== undefined) headers['content-type'] = 'application/json';
    if (auth.mode === 'bearer') {
      headers.authorization = `Bearer ${auth.token ?? (auth.tenant ?? this.settings.tenant).secret}`;
      if (auth.tenantHeader !== undefined) headers[TENANT_HEADER] = auth.tenantHeader;
    } else if (auth.mode === 'hmac') {
      const tenant = auth.tenant ?? this.settings.tenant;
      const timestamp = nowSeconds() + (auth.skewSeconds ?? 0);
      headers[SIGNATURE_HEADER] = this.clock.sign(auth.secret ?? tenant.secret, bytes ?? '', timestamp, `${method} ${call.path}`);
      const slug = auth.tenantHeader === undefined ? tenant.slug : auth.tenantHeader;
      if (slug !== null) headers[TENANT_HEADER] = slug;
    }
    for (const [name, value] of Object.entries(call.headers ?? {})) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    const request: WireRequest = {
      method,
      url: `${this.baseUrl()}${call.path}`,
      headers,
      body: bytes,
      timeoutMs: call.timeoutMs ?? this.settings.requestTimeoutMs,
      signal: this.health.signal,
    };
    return call.tamper ? call.tamper(request) : request;
  }

  private baseUrl(): string {
    const base = this.settings.baseUrl;
    if (base === undefined) throw new Error('CHERT_BASE_URL is not set: the built-in mock should have set it in globalSetup.');
    return base;
  }

  /** Why the run stopped judging, when the target was found dead (by any worker). */
  targetDeadReason(): string | undefined {
    return this.health.deadReason();
  }

  /**
   * Sends one call, retrying as the docs allow (within the run's retry budget); throws
   * InconclusiveError when no answer comes, DeadTargetError once the target is found dead.
   */
  async send(call: Call): Promise<ChertResponse> {
    const bytes = bodyBytes(withIdempotencyKey(call));
    this.retryBudget.request();
    let unanswered = 0;
    let retryingFailure = false;
    for (let attempt = 1; ; attempt++) {
      const request = this.build(call, bytes);
      assertSafeRequest(request.method, call.path, request.body, {
        allowlist: this.settings.liveRecipients,
        knownChatIds: this.knownChatIds,
        fabricatedChatIds: this.fabricatedChatIds,
        knownMessageIds: this.knownMessageIds,
        fabricatedMessageIds: this.fabricatedMessageIds,
        profile: this.settings.profile,
      });
      const response = await this.attempt(call, request, () => this.build(call, bytes));
      if (response instanceof NoAnswerError) {
        const dead = this.health.deadReason();
        if (dead !== undefined) throw new DeadTargetError(dead);
        // noRetry is about judging the first answer; a request that got none is retried all the same.
        const safe = call.judgedAnyRepeat === true || replaySafe(request);
        const policy = UNANSWERED_RETRIES[response.kind];
        if (safe && (this.retriesTimeouts || response.kind !== 'timeout') && ++unanswered < policy.attempts) {
          await sleep(policy.pauseMs * unanswered);
          continue;
        }
        const what = `${request.method} ${call.path}: ${response.message}`;
        if (!safe && response.kind !== 'timeout') throw new NotRetriedError(`${what} (not retried: without an idempotency key a retry could send twice)`);
        throw new InconclusiveError(what);
      }
      const asked = call.noRetry ? { retry: false as const } : retryDecision(response, attempt);
      const decision = asked.retry && asked.reason === 'throttled' && !this.waitsOutThrottling ? { retry: false as const } : asked;
      if (retryingFailure) {
        const again = retryDecision(response, 1); // the same failure, whatever attempt this is
        this.retryBudget.outcome(again.retry && again.reason === 'retryable');
      }
      if (decision.retry && decision.reason === 'throttled' && this.options.throwWhenThrottled) throw new ThrottledError(decision.waitMs);
      const budgeted = !decision.retry || decision.reason === 'throttled' || this.retryBudget.claim();
      if (decision.retry && budgeted) {
        retryingFailure = decision.reason === 'retryable';
        await sleep(decision.waitMs);
        continue;
      }
      if (response.status === 429 && !call.noRetry) {
        throw new InconclusiveError(`${request.method} ${call.path}: still throttled (429) after ${attempt} attempts`);
      }
      if (response.truncated) {
        throw new OversizedAnswerError(`${request.method} ${call.path}: the answer (HTTP ${response.status}) is longer than ${response.truncated.cap} bytes (CHERT_MAX_BODY_BYTES); no documented answer comes near that: recorded truncated`);
      }
      return this.remember(call, { ...response, attempts: attempt, method: request.method, path: call.path });
    }
  }

  /**
   * One attempt through the in-flight window, recorded, with what it says of the target's health.
   * A request that waited long for a slot (a full window) is signed again as
   * it leaves: its timestamp must not have aged toward the skew limit a test probes.
   */
  private async attempt(call: Call, built: WireRequest, rebuild: () => WireRequest): Promise<Answered | NoAnswerError> {
    const dead = this.health.deadReason();
    if (dead !== undefined) throw new DeadTargetError(dead);
    const queuedAt = Date.now();
    const release = await this.limiter.acquire();
    let request = built;
    try {
      if (Date.now() - queuedAt > RESIGN_AFTER_MS) request = rebuild();
    } catch (error) {
      release('unanswered'); // nothing was sent: the window learns nothing
      throw error;
    }
    const settled = this.health.begin();
    try {
      const wire = await this.options.transport(request);
      settled();
      if (wire.status === 502 && DOWNSTREAM_REFUSAL.test(wire.text)) deliveryRefusals++;
      const response: Answered = { ...wire, json: jsonOf(wire) };
      const { throttled, usable, what } = assess(response);
      this.health.answered(`${what} to ${request.method} ${call.path}`, usable);
      release(throttled ? 'throttled' : 'ok');
      this.exchanges.push(recordExchangeLazily(request, wire, this.secrets, undefined, this.secretVariable(call)));
      return response;
    } catch (error) {
      settled();
      release('unanswered');
      if (!(error instanceof NoAnswerError)) throw error;
      this.health.unanswered(error);
      this.exchanges.push(recordExchangeLazily(request, null, this.secrets, error.message, this.secretVariable(call)));
      return error;
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
