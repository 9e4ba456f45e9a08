// A second, independent implementation of the Chert chats routes, written from
// shared/chert-contract.md (not from src/mock/), for tests/e2e/independent-server.test.ts.
// Wherever the docs leave a choice open it takes the less common one: 200 on create and
// follow-up, a contact-like display_name for 1:1 chats, a text-only echo, numbers with spaces,
// dashes or parentheses normalised to E.164, 403 / 2006 only after every 400-class check, 422
// before phone formats, 415 for a non-JSON content type, 413 in plain text without a trace id
// (as a proxy would), 400 for a reused idempotency key with another body, 409 while a duplicate
// is in flight (20 ms simulated send), delivered_at a few ms after created_at, undocumented
// extra fields (updated_at, unread_count, sender, error). Beyond the documented shapes it answers
// its own way too (refuseEdge): 404 for a method a route lacks, a bare 414 for a long URL, 400 for
// a malformed path or duplicated credentials, a CORS 204 to OPTIONS, HEAD as GET, and Node's own
// bare 431 for an oversized header. ServerOptions switch on still others.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { MAX_SKEW_SECONDS, nowSeconds, parseSignatureHeader, verifySignature } from '../../../src/domain/hmac.ts';
import { MOCK_DEFAULTS } from '../../../src/config/settings.ts';
import {
  DEFAULT_RULES, err, fingerprint, isError, parseCreate, parseFollowUp, unassigned,
  type ApiError, type CreateRequest, type FollowUpRequest, type Part, type Rules,
} from './validate.ts';
import { bodylessLife, LifeRoutes, matchLife } from './life.ts';
import type { OtherReadings } from './readings.ts';

export type TenantConfig = { slug: string; secret: string; lines: string[] };

export type ServerOptions = {
  tenants?: TenantConfig[];
  /** Simulated delivery latency of each send, in milliseconds. */
  sendLatencyMs?: number;
  /** Chat ids as UUIDs (documented in every example) or opaque ("iMessage;+;chat…"). */
  chatIds?: 'uuid' | 'opaque';
  /** Requests per tenant per fixed window before 429 / 1007 (retry_after: the rest of the window); undefined = no limit. */
  rateLimit?: { requests: number; windowSeconds: number };
  /** Largest body accepted, in bytes. */
  maxBodyBytes?: number;
  /** A 1:1 create to a recipient the sender already has a chat with returns that chat (as iMessage does). */
  reuseDirectChats?: boolean;
  /** Most parts per message (the catalog's 10); Infinity leaves the SHOULD unenforced. */
  maxParts?: number;
  /** Reject body fields the docs do not name with 400 / 1002. */
  strictFields?: boolean;
  /** How a throttled request is answered: 429 / 1007 or 503 / 4002 (all lines saturated). */
  throttleCode?: 1007 | 4002;
  /**
   * Whether a follow-up's idempotency_key deduplicates a replay; ignored by default (the docs do
   * not say it does). dedupe: per chat; dedupe-tenant: in the tenant's one key space, the create's.
   */
  followUpKeys?: 'dedupe' | 'dedupe-tenant' | 'ignored';
  /** Reject media parts whose attachment_id names no upload (this server has no upload route). */
  validateAttachments?: boolean;
  /** Timestamps as JavaScript writes them (ms, "Z") or as Python does (µs, "+00:00"). */
  timestamps?: 'js' | 'python';
  /** The (first) recipient answers every message at once with an inbound auto-reply, kept in the history. */
  autoReply?: boolean;
  /** The first message's echo: text only (as the docs' 1:1 example) or every part, links enriched with a preview. */
  echo?: 'text' | 'enriched';
  /** What "the same body" means for an idempotency key: the documented fields, or the raw bytes. */
  sameBody?: 'fields' | 'bytes';
  /** Gzip answers for clients that accept it (sent chunked, without content-length). */
  gzip?: boolean;
  /** `retryable` on the 409 for a duplicate in flight (undocumented either way). */
  conflictRetryable?: boolean;
  /** Answer every request with `connection: close` (no keep-alive), as some proxies do. */
  closeConnections?: boolean;
  /** Other readings of the register's open choices (readings.ts), each off by default. */
  readings?: OtherReadings;
  /** Called once per answer (for debugging a run): method, path, status, error code. */
  onAnswer?: (method: string, path: string, status: number, code: number | undefined) => void;
};

type Json = Record<string, unknown>;
type Reply = { status: number; body: Json };
type Message = Json & { id: string };
type Chat = { tenant: string; line: string; json: Json; messages: Message[] };
type IdemEntry = { fingerprint: string; reply: Reply | null; done?: Promise<Reply> };

export type IndependentServer = {
  url: string;
  stats: { requests: number; chatsCreated: number; messagesSent: number };
  close(): Promise<void>;
};

const DEFAULT_TENANTS: TenantConfig[] = [MOCK_DEFAULTS.tenant, MOCK_DEFAULTS.tenantB].map((t) => ({
  slug: t.slug, secret: t.secret, lines: [t.from],
}));

const HISTORY_PAGE = 200;
/** Longer URLs get the 414 a proxy in front would give. */
const MAX_URL = 2048;
/** Credentials sent twice are refused, whichever is right. */
const CREDENTIAL_HEADERS = ['authorization', 'x-chert-signature', 'x-chert-tenant'] as const;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
const TRACE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Codes whose errors are worth retrying (the contract's table). */
const RETRYABLE = new Set([1007, 3001, 3002, 3003, 3004, 4001, 4002]);

function traceId(): string {
  const bytes = randomBytes(20);
  let id = 'trc_';
  for (const byte of bytes) id += TRACE_ALPHABET[byte % TRACE_ALPHABET.length];
  return id;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** An identical keyless follow-up within this window is a double submit (followUpDoubleSubmit). */
const DOUBLE_SUBMIT_MS = 2000;

export async function startIndependentServer(options: ServerOptions = {}): Promise<IndependentServer> {
  const tenants = new Map((options.tenants ?? DEFAULT_TENANTS).map((t) => [t.slug, t]));
  const latency = options.sendLatencyMs ?? 20;
  const maxBody = options.maxBodyBytes ?? 512 * 1024;
  const readings: OtherReadings = options.readings ?? {};
  const rules: Rules = {
    maxParts: options.maxParts ?? DEFAULT_RULES.maxParts,
    strictFields: options.strictFields ?? DEFAULT_RULES.strictFields,
    readings,
    // No upload route here, so with the check on, no attachment id names an upload.
    ...(options.validateAttachments ? { attachments: new Set<string>() } : {}),
  };
  const chats = new Map<string, Chat>();
  const directChats = new Map<string, Chat>();
  const idempotency = new Map<string, IdemEntry>();
  const windows = new Map<string, { start: number; count: number }>();
  /** Signatures seen, with when (signatureReuseRefused). */
  const signatures = new Map<string, number>();
  let lastSweep = Date.now();
  const stats = { requests: 0, chatsCreated: 0, messagesSent: 0 };
  const life = new LifeRoutes(chats, readings);
  /** The last keyless follow-up per chat, for double-submit protection (followUpDoubleSubmit). */
  const lastKeyless = new Map<string, { print: string; at: number; reply: Reply }>();
  /** When each outbound message was sent, in ms (historyLagMs). */
  const sentAt = new Map<string, number>();
  /** Create and follow-up (created-201), or every write (accepted-202), when the reading says so. */
  const sendStatus = readings.successStatus ?? 200;
  const writeStatus = readings.successStatus === 202 ? 202 : 200;

  function newChatId(): string {
    // Opaque ids as Apple spells group chat GUIDs: ";" and "+" need escaping in a path.
    return options.chatIds === 'opaque' ? `iMessage;+;chat${randomInt(1e9, 1e10 - 1)}${randomInt(1e8, 1e9 - 1)}` : randomUUID();
  }

  function send(res: ServerResponse, trace: string, reply: Reply, extra: Record<string, string> = {}): void {
    const code = (reply.body.error as { code?: number } | undefined)?.code;
    options.onAnswer?.(res.req.method ?? '', res.req.url ?? '', reply.status, code);
    const text = JSON.stringify(reply.body);
    const zipped = options.gzip === true && /\bgzip\b/.test(header(res.req, 'accept-encoding') ?? '');
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      ...(zipped ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : { 'content-length': String(Buffer.byteLength(text)) }),
      'x-trace-id': trace,
      ...(options.closeConnections ? { connection: 'close' } : {}),
      ...extra,
    });
    res.end(zipped ? gzipSync(text) : text);
  }

  function sendError(res: ServerResponse, trace: string, e: ApiError): void {
    const retryable = e.retryable ?? (e.code === 1009 ? options.conflictRetryable ?? true : RETRYABLE.has(e.code));
    const error: Json = { status: e.status, code: e.code, message: e.message, retryable };
    const extra: Record<string, string> = {};
    if ((e.code === 1007 || e.code === 4002) && e.retryAfter !== undefined) {
      error.retry_after = e.retryAfter;
      extra['retry-after'] = String(e.retryAfter);
    }
    send(res, trace, { status: e.status, body: { success: false, error, trace_id: trace } }, extra);
  }

  /**
   * Reads the body. Past the limit, answers as a proxy in front of the API would: 413 in plain
   * text, no envelope, at once when content-length announces it, and discards the rest.
   */
  function readBody(req: IncomingMessage, res: ServerResponse, trace: string): Promise<Buffer | null> {
    const tooLarge = () => {
      if (readings.bodyTooLarge === 'envelope-400') {
        // The API's own refusal (body-size-limit, smaller-limit): enveloped, and not 1004, the body may be fine JSON.
        res.setHeader('connection', 'close');
        sendError(res, trace, err(400, 1002, `The body is larger than ${maxBody} bytes.`));
      } else {
        options.onAnswer?.(req.method ?? '', req.url ?? '', 413, undefined);
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end('413 Request Entity Too Large\n');
      }
      req.resume();
    };
    if (Number(req.headers['content-length'] ?? 0) > maxBody) {
      tooLarge();
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBody) chunks.push(chunk);
      });
      req.on('end', () => {
        if (size <= maxBody) return resolve(Buffer.concat(chunks));
        tooLarge();
        resolve(null);
      });
      req.on('error', reject);
    });
  }

  /** Who is calling: the tenant, or why not. The signature, when present, decides alone (unless signatureFallback). */
  function authenticate(req: IncomingMessage, raw: Buffer): TenantConfig | ApiError {
    const signature = header(req, 'x-chert-signature');
    const slug = header(req, 'x-chert-tenant')?.trim();
    if (signature !== undefined) {
      const signed = bySignature(signature, slug, raw, req.method ?? '', req.url ?? '');
      const fallback = readings.signatureFallback && isError(signed) && header(req, 'authorization') !== undefined;
      return fallback ? byBearer(req, undefined) : signed;
    }
    return byBearer(req, slug);
  }

  function bySignature(signature: string, slug: string | undefined, raw: Buffer, method: string, path: string): TenantConfig | ApiError {
    if (slug === undefined || slug === '') return err(400, 1001, 'x-chert-tenant is required with x-chert-signature.');
    const tenant = tenants.get(slug);
    if (!tenant) return err(404, 2001, `Tenant "${slug.slice(0, 64)}" not found.`);
    const verdict = verifySignature(tenant.secret, signature, raw);
    if (verdict === 'stale') return err(401, 2013, 'Signature timestamp is more than 5 minutes off.');
    if (verdict !== 'valid') return err(401, 2004, 'Invalid signature.');
    const timestamp = parseSignatureHeader(signature)?.timestamp ?? 0;
    if (readings.skewExclusive && Math.abs(nowSeconds() - timestamp) >= MAX_SKEW_SECONDS) return err(401, 2013, 'Signature timestamp is 5 minutes off or more.');
    const reuse = readings.signatureReuseRefused;
    if (reuse && !firstUse(`${slug} ${reuse === 'same-request' ? `${method} ${path} ` : ''}${signature}`)) return err(401, 2004, 'This signature was already used: sign every request afresh.');
    return tenant;
  }

  /** signature-replay, reuse-refused: remembers each signature for its window; false on a second use. */
  function firstUse(key: string): boolean {
    const now = Date.now();
    // Past twice the window a signature is stale anyway; swept now and then, not on every request.
    if (now - lastSweep > 10_000) {
      lastSweep = now;
      for (const [seen, at] of signatures) if (now - at > 2 * MAX_SKEW_SECONDS * 1000) signatures.delete(seen);
    }
    if (signatures.has(key)) return false;
    signatures.set(key, now);
    return true;
  }

  function byBearer(req: IncomingMessage, slug: string | undefined): TenantConfig | ApiError {
    const authorization = header(req, 'authorization');
    if (authorization === undefined || authorization.trim() === '') {
      return err(401, 2012, 'No credentials: send x-chert-signature or Authorization: Bearer.');
    }
    const token = bearerToken(authorization);
    if (isError(token)) return token;
    const same = (t: TenantConfig) => token !== null && (readings.bearerHexValue ? sameSecret(token.toLowerCase(), t.secret.toLowerCase()) : sameSecret(token, t.secret));
    if (slug !== undefined && slug !== '' && !readings.bearerIgnoresTenantHeader) {
      const tenant = tenants.get(slug);
      if (!tenant) return err(404, 2001, `Tenant "${slug.slice(0, 64)}" not found.`);
      if (!same(tenant)) return err(401, 2004, 'Invalid bearer token.');
      return tenant;
    }
    return [...tenants.values()].find(same) ?? err(401, 2004, 'Invalid bearer token.');
  }

  /** The token of `Bearer <token>`; otherwise null (2004), 400 / 1002 (refused-400), or the header's last word (first-token). */
  function bearerToken(authorization: string): string | null | ApiError {
    const exact = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (exact) return exact[1] as string;
    if (readings.bearerLenient === 'refused-400') return err(400, 1002, 'The Authorization header is not "Bearer <token>".');
    if (readings.bearerLenient === 'first-token') return authorization.trim().split(/\s+/).at(-1) ?? null;
    return null;
  }

  function throttle(tenant: TenantConfig): ApiError | null {
    const limit = options.rateLimit;
    if (limit === undefined) return null;
    const now = Date.now() / 1000;
    const start = Math.floor(now / limit.windowSeconds) * limit.windowSeconds;
    const window = windows.get(tenant.slug);
    if (!window || window.start !== start) {
      windows.set(tenant.slug, { start, count: 1 });
      return null;
    }
    window.count += 1;
    if (window.count <= limit.requests) return null;
    const retryAfter = Math.max(1, Math.ceil(start + limit.windowSeconds - now));
    return options.throttleCode === 4002
      ? { status: 503, code: 4002, message: 'All sender lines are saturated.', retryAfter }
      : { status: 429, code: 1007, message: 'Rate limited.', retryAfter };
  }

  function parseJson(req: IncomingMessage, raw: Buffer): { value: unknown } | ApiError {
    const type = header(req, 'content-type');
    const media = type?.split(';')[0]?.trim().toLowerCase();
    if (media !== 'application/json' && !media?.endsWith('+json')) {
      return err(415, 1002, 'Content-Type must be application/json.');
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return err(400, 1004, 'The body is not valid UTF-8.');
    }
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return err(400, 1004, 'The body is not valid JSON.');
    }
  }

  function stamp(ms = Date.now()): string {
    const iso = new Date(ms).toISOString();
    // Whole seconds, as the docs' examples (history-order-ties, timestamp-order).
    if (readings.historyByTimestamp) return `${iso.slice(0, 19)}Z`;
    return options.timestamps === 'python' ? `${iso.slice(0, 23)}${String(randomInt(1000)).padStart(3, '0')}+00:00` : iso;
  }

  /** A link as the preview fetcher fills it in (fields the sender left out). */
  function enriched(parts: Part[]): Part[] {
    if (options.echo !== 'enriched') return parts;
    return parts.map((p) => (p.type === 'rich_link' ? { title: 'Example Domain', summary: 'A preview.', image_url: 'https://example.com/og.png', icon_url: 'https://example.com/favicon.ico', ...p } : p));
  }

  /** A sent message; fields beyond the documented ones (`sender`, `error`) as real APIs add them. */
  function message(chat: Chat, parts: Part[]): Message {
    const created = Date.now();
    const sent: Message = {
      id: randomBytes(16).toString('hex'),
      chat_id: chat.json.id,
      parts: enriched(parts),
      status: 'sent',
      direction: 'outbound',
      created_at: stamp(created),
      // Delivery is simulated as instant: a few milliseconds after the send.
      delivered_at: stamp(created + randomInt(1, 9)),
      read_at: null,
      service: 'imessage',
      sender: chat.line,
      error: null,
    };
    chat.messages.push(sent);
    sentAt.set(sent.id, created);
    life.recordSend(sent.id);
    chat.json.updated_at = sent.created_at;
    stats.messagesSent += 1;
    const handles = chat.json.handles as { address: string }[];
    if (options.autoReply) {
      const at = stamp(created + 10);
      chat.messages.push({
        id: randomBytes(16).toString('hex'), chat_id: chat.json.id, parts: [{ type: 'text', value: 'Auto-reply: I am driving and will see your message later.' }],
        status: 'received', direction: 'inbound', created_at: at, delivered_at: at, read_at: null, service: 'imessage', sender: handles[0]?.address, error: null,
      });
    }
    return sent;
  }

  async function create(tenant: TenantConfig, request: CreateRequest): Promise<Reply> {
    await sleep(latency); // the send to the carrier
    const isGroup = request.to.length > 1;
    const direct = `${tenant.slug} ${request.from} ${request.to[0] as string}`;
    let chat = !isGroup && options.reuseDirectChats ? directChats.get(direct) : undefined;
    if (!chat) {
      const now = stamp();
      chat = {
        tenant: tenant.slug,
        line: request.from,
        messages: [],
        json: {
          id: newChatId(),
          display_name: isGroup ? request.subject : `Contact ${(request.to[0] as string).slice(-4)}`,
          handles: request.to.map((address) => ({ service: 'imessage', address })),
          is_group: isGroup,
          service: 'imessage',
          health_score: randomInt(40, 101),
          created_at: now,
          updated_at: now,
          unread_count: 0,
        },
      };
      chats.set(chat.json.id as string, chat);
      if (!isGroup) directChats.set(direct, chat);
      stats.chatsCreated += 1;
    }
    const sent = message(chat, request.parts);
    // Like the docs' 1:1 example, the answer echoes the text parts only (the history keeps all).
    const echoed = options.echo === 'enriched' ? sent : { ...sent, parts: request.parts.filter((p) => p.type === 'text') };
    return { status: sendStatus, body: { chat: structuredClone(chat.json), message: echoed } };
  }

  async function followUp(chat: Chat, request: FollowUpRequest): Promise<Reply> {
    await sleep(latency);
    return { status: sendStatus, body: { message: message(chat, request.parts) } };
  }

  /** A keyless follow-up; an identical one to the same chat within 2 s answers the first (followUpDoubleSubmit). */
  async function keylessFollowUp(chat: Chat, request: FollowUpRequest, print: string): Promise<Reply> {
    const id = chat.json.id as string;
    const last = lastKeyless.get(id);
    if (readings.followUpDoubleSubmit && last && last.print === print && Date.now() - last.at < DOUBLE_SUBMIT_MS) return last.reply;
    const reply = await followUp(chat, request);
    lastKeyless.set(id, { print, at: Date.now(), reply });
    return reply;
  }

  /** The history, oldest first: in send order, or by created_at then id (historyByTimestamp); without the sends of the last historyLagMs. */
  function history(chat: Chat): Message[] {
    const lag = readings.historyLagMs;
    const listed = lag === undefined ? chat.messages : chat.messages.filter((m) => Date.now() - (sentAt.get(m.id) ?? 0) >= lag);
    if (!readings.historyByTimestamp) return listed;
    const at = (m: Message) => Date.parse(String(m.created_at));
    return [...listed].sort((a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Runs `work` at most once per (scope, key): replays answer the stored reply, duplicates in flight 409. */
  async function once(scope: string, key: string | null, print: string, work: () => Promise<Reply>): Promise<Reply | ApiError> {
    if (key === null) return work();
    // new-request: the key and the body together name a request, so another body is another request.
    const slot = readings.idemKeyOtherBody === 'new-request' ? `${scope}\u0000${key}\u0000${print}` : `${scope}\u0000${key}`;
    const entry = idempotency.get(slot);
    if (entry) {
      // original-returned: the key decides, the stored answer is returned whatever the body.
      if (entry.fingerprint !== print && readings.idemKeyOtherBody !== 'original-returned') return err(400, 1002, 'This idempotency_key was already used with a different body.');
      if (entry.reply === null && readings.inFlightDuplicateWaits && entry.done) return entry.done;
      if (entry.reply === null) return err(409, 1009, 'A request with this idempotency_key is still in progress.');
      return entry.reply;
    }
    const fresh: IdemEntry = { fingerprint: print, reply: null };
    idempotency.set(slot, fresh);
    try {
      fresh.done = work();
      fresh.reply = await fresh.done;
      return fresh.reply;
    } catch (error) {
      idempotency.delete(slot);
      throw error;
    }
  }

  function print(request: CreateRequest | FollowUpRequest, raw: Buffer): string {
    return options.sameBody === 'bytes' ? createHash('sha256').update(raw).digest('hex') : fingerprint(request);
  }

  /**
   * Requests beyond the documented shapes, answered its own way: a URL past 2 KB gets a bare 414
   * (as the proxy in front would), a path that is not valid %-encoding 400 / 1002, duplicated
   * credentials 400 / 1002, OPTIONS a CORS 204 without a body; a method a route does not take is
   * no route at all (404, where the mock says 405). True when it has answered.
   */
  function refuseEdge(req: IncomingMessage, res: ServerResponse, trace: string, path: string): boolean {
    if ((req.url ?? '').length > MAX_URL) {
      options.onAnswer?.(req.method ?? '', req.url ?? '', 414, undefined);
      res.writeHead(414, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('414 URI Too Long\n');
      return true;
    }
    if (path.split('/').some((segment) => decodeSegment(segment) === undefined)) {
      sendError(res, trace, err(400, 1002, 'The path is not valid percent-encoding.'));
      return true;
    }
    const repeated = CREDENTIAL_HEADERS.find((name) => (req.headersDistinct[name]?.length ?? 0) > 1);
    if (repeated !== undefined) {
      sendError(res, trace, err(400, 1002, `${repeated} was sent more than once.`));
      return true;
    }
    if (req.method === 'OPTIONS') {
      options.onAnswer?.(req.method, req.url ?? '', 204, undefined);
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST, PUT, DELETE', 'access-control-allow-headers': 'authorization, content-type, x-chert-signature, x-chert-tenant' }).end();
      return true;
    }
    return false;
  }

  async function route(req: IncomingMessage, res: ServerResponse, trace: string): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    // HEAD is GET without the body (RFC 9110); Node leaves the body out of the answer.
    const method = req.method === 'HEAD' ? 'GET' : req.method ?? 'GET';
    const chatRoute = /^\/api\/v1\/chats\/([^/]+)\/messages$/.exec(path);
    const lifeRoute = chatRoute ? null : matchLife(path);
    const known = path === '/api/v1/chats' ? ['POST'] : chatRoute ? ['GET', 'POST'] : lifeRoute ? [lifeRoute.method] : null;
    const raw = await readBody(req, res, trace);
    if (raw === null || refuseEdge(req, res, trace, path)) return;
    if (known === null || !known.includes(method)) return sendError(res, trace, err(404, 1000, `No route for ${method.slice(0, 16)} on this path.`));
    const tenant = authenticate(req, raw);
    if (isError(tenant)) return sendError(res, trace, tenant);
    const limited = throttle(tenant);
    if (limited) return sendError(res, trace, limited);

    if (lifeRoute) {
      let body: unknown = null;
      if (!bodylessLife(lifeRoute.route)) {
        const json = parseJson(req, raw);
        if (isError(json)) return sendError(res, trace, json);
        body = json.value;
      }
      const reply = life.answer(tenant.slug, lifeRoute.route, body);
      return isError(reply) ? sendError(res, trace, reply) : send(res, trace, { ...reply, status: writeStatus });
    }

    if (chatRoute) {
      let chatId: string;
      try {
        chatId = decodeURIComponent(chatRoute[1] as string);
      } catch {
        chatId = '';
      }
      const chat = chats.get(chatId);
      const found = chat && chat.tenant === tenant.slug ? chat : undefined;
      // afterLeave chat-gone: the group left the tenant's view with its line.
      const gone = found !== undefined && readings.afterLeave === 'chat-gone' && life.lineLeft(found);
      if (method === 'GET') {
        if (!found || gone) return sendError(res, trace, err(404, 2002, 'Chat not found.'));
        const listed = history(found);
        return send(res, trace, { status: 200, body: { messages: listed.slice(-HISTORY_PAGE), has_more: listed.length > HISTORY_PAGE } });
      }
      const json = parseJson(req, raw);
      if (isError(json)) return sendError(res, trace, json);
      const request = parseFollowUp(json.value, rules);
      if (isError(request)) return sendError(res, trace, request);
      if (!found || gone) return sendError(res, trace, err(404, 2002, 'Chat not found.'));
      if (readings.afterLeave === 'downstream-refused' && life.lineLeft(found)) return sendError(res, trace, life.downstreamRefused());
      // A follow-up's key is not documented to deduplicate (followup-idempotency-key): this server ignores it
      // unless told to dedupe per chat, or in the tenant's one key space (where another chat is another body).
      const keys = options.followUpKeys ?? 'ignored';
      const scope = keys === 'dedupe-tenant' ? tenant.slug : `${tenant.slug}\u0000${chatId}`;
      const printed = keys === 'dedupe-tenant' ? `follow-up ${chatId} ${print(request, raw)}` : print(request, raw);
      const reply = request.idempotencyKey === null
        ? await keylessFollowUp(found, request, printed)
        : await once(scope, keys === 'ignored' ? null : request.idempotencyKey, printed, () => followUp(found, request));
      return isError(reply) ? sendError(res, trace, reply) : send(res, trace, reply);
    }

    const json = parseJson(req, raw);
    if (isError(json)) return sendError(res, trace, json);
    const request = parseCreate(json.value, rules, tenant.lines);
    if (isError(request)) return sendError(res, trace, request);
    if (!tenant.lines.includes(request.from)) return sendError(res, trace, unassigned(rules));
    const reply = await once(tenant.slug, request.idempotencyKey, print(request, raw), () => create(tenant, request));
    return isError(reply) ? sendError(res, trace, reply) : send(res, trace, reply);
  }

  const server: Server = createServer((req, res) => {
    stats.requests += 1;
    const trace = traceId();
    route(req, res, trace).catch(() => {
      if (!res.headersSent) sendError(res, trace, err(500, 3001, 'Internal error.'));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
