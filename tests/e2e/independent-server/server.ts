// A second, independent implementation of the Chert chats routes, written from
// shared/chert-contract.md (not from src/mock/). Wherever the docs leave a choice open it takes
// the less common one: 200 on create, a contact-like name for 1:1 chats, normalised phone
// numbers, 415 for a non-JSON content type, 413 in plain text (as a proxy would), 400 for a
// reused idempotency key with another body, 409 while a duplicate is in flight, and so on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../../src/auth/hmac.ts';
import { MOCK_DEFAULTS } from '../../../src/config/settings.ts';
import {
  err, fingerprint, isError, parseCreate, parseFollowUp,
  type ApiError, type CreateRequest, type FollowUpRequest, type Part,
} from './validate.ts';

export type TenantConfig = { slug: string; secret: string; lines: string[] };

export type ServerOptions = {
  tenants?: TenantConfig[];
  /** Simulated delivery latency of each send, in milliseconds. */
  sendLatencyMs?: number;
  /** Chat ids as UUIDs (documented in every example) or as opaque "cht_…" strings. */
  chatIds?: 'uuid' | 'opaque';
  /** Requests per tenant per second before 429 / 1007; undefined = no limit. */
  rateLimitPerSecond?: number;
  /** Largest body accepted, in bytes. */
  maxBodyBytes?: number;
};

type Json = Record<string, unknown>;
type Reply = { status: number; body: Json };
type Message = Json & { id: string };
type Chat = { tenant: string; json: Json; messages: Message[] };
type IdemEntry = { fingerprint: string; reply: Reply | null };

export type IndependentServer = {
  url: string;
  stats: { requests: number; chatsCreated: number; messagesSent: number };
  close(): Promise<void>;
};

const DEFAULT_TENANTS: TenantConfig[] = [MOCK_DEFAULTS.tenant, MOCK_DEFAULTS.tenantB].map((t) => ({
  slug: t.slug, secret: t.secret, lines: [t.from],
}));

const HISTORY_PAGE = 200;
const TRACE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Codes whose errors are worth retrying (the contract's table), plus our 409 in-flight code. */
const RETRYABLE = new Set([1007, 1009, 3001, 3002, 3003, 3004, 4001, 4002]);

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

export async function startIndependentServer(options: ServerOptions = {}): Promise<IndependentServer> {
  const tenants = new Map((options.tenants ?? DEFAULT_TENANTS).map((t) => [t.slug, t]));
  const latency = options.sendLatencyMs ?? 20;
  const maxBody = options.maxBodyBytes ?? 512 * 1024;
  const chats = new Map<string, Chat>();
  const idempotency = new Map<string, IdemEntry>();
  const windows = new Map<string, { second: number; count: number }>();
  const stats = { requests: 0, chatsCreated: 0, messagesSent: 0 };

  function newChatId(): string {
    return options.chatIds === 'opaque' ? `cht_${randomBytes(12).toString('base64url')}` : randomUUID();
  }

  function send(res: ServerResponse, trace: string, reply: Reply, extra: Record<string, string> = {}): void {
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-trace-id': trace,
      ...extra,
    });
    res.end(text);
  }

  function sendError(res: ServerResponse, trace: string, e: ApiError): void {
    const error: Json = { status: e.status, code: e.code, message: e.message, retryable: RETRYABLE.has(e.code) };
    const extra: Record<string, string> = {};
    if ((e.code === 1007 || e.code === 4002) && e.retryAfter !== undefined) {
      error.retry_after = e.retryAfter;
      extra['retry-after'] = String(e.retryAfter);
    }
    send(res, trace, { status: e.status, body: { success: false, error, trace_id: trace } }, extra);
  }

  /** Reads the body; past the limit, keeps draining (so the client sees an answer) and says so. */
  function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBody) chunks.push(chunk);
      });
      req.on('end', () => resolve(size > maxBody ? 'too-large' : Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  /** Who is calling: the tenant, or why not. The signature, when present, decides alone. */
  function authenticate(req: IncomingMessage, raw: Buffer): TenantConfig | ApiError {
    const signature = header(req, 'x-chert-signature');
    const slug = header(req, 'x-chert-tenant')?.trim();
    if (signature !== undefined) {
      if (slug === undefined || slug === '') return err(400, 1001, 'x-chert-tenant is required with x-chert-signature.');
      const tenant = tenants.get(slug);
      if (!tenant) return err(404, 2001, `Tenant "${slug.slice(0, 64)}" not found.`);
      const verdict = verifySignature(tenant.secret, signature, raw);
      if (verdict === 'stale') return err(401, 2013, 'Signature timestamp is more than 5 minutes off.');
      if (verdict !== 'valid') return err(401, 2004, 'Invalid signature.');
      return tenant;
    }
    const authorization = header(req, 'authorization');
    if (authorization === undefined || authorization.trim() === '') {
      return err(401, 2012, 'No credentials: send x-chert-signature or Authorization: Bearer.');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (slug !== undefined && slug !== '') {
      const tenant = tenants.get(slug);
      if (!tenant) return err(404, 2001, `Tenant "${slug.slice(0, 64)}" not found.`);
      if (!match || !sameSecret(match[1] as string, tenant.secret)) return err(401, 2004, 'Invalid bearer token.');
      return tenant;
    }
    const tenant = match ? [...tenants.values()].find((t) => sameSecret(match[1] as string, t.secret)) : undefined;
    return tenant ?? err(401, 2004, 'Invalid bearer token.');
  }

  function throttle(tenant: TenantConfig): ApiError | null {
    if (options.rateLimitPerSecond === undefined) return null;
    const second = Math.floor(Date.now() / 1000);
    const window = windows.get(tenant.slug);
    if (!window || window.second !== second) {
      windows.set(tenant.slug, { second, count: 1 });
      return null;
    }
    window.count += 1;
    if (window.count <= options.rateLimitPerSecond) return null;
    return { status: 429, code: 1007, message: 'Rate limited.', retryAfter: 1 };
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

  function message(chatId: string, parts: Part[]): Message {
    const created = Date.now();
    return {
      id: randomBytes(16).toString('hex'),
      chat_id: chatId,
      parts,
      status: 'sent',
      direction: 'outbound',
      created_at: new Date(created).toISOString(),
      // Delivery is simulated as instant: a few milliseconds after the send.
      delivered_at: new Date(created + randomInt(1, 9)).toISOString(),
      read_at: null,
      service: 'imessage',
    };
  }

  async function create(tenant: TenantConfig, request: CreateRequest): Promise<Reply> {
    await sleep(latency); // the send to the carrier
    const id = newChatId();
    const isGroup = request.to.length > 1;
    const chat: Json = {
      id,
      display_name: isGroup ? request.subject : `Contact ${(request.to[0] as string).slice(-4)}`,
      handles: request.to.map((address) => ({ service: 'imessage', address })),
      is_group: isGroup,
      service: 'imessage',
      health_score: randomInt(40, 101),
      created_at: new Date().toISOString(),
    };
    const sent = message(id, request.parts);
    chats.set(id, { tenant: tenant.slug, json: chat, messages: [sent] });
    stats.chatsCreated += 1;
    stats.messagesSent += 1;
    // Like the docs' 1:1 example, the answer echoes the text parts only.
    const echoed = { ...sent, parts: request.parts.filter((p) => p.type === 'text') };
    return { status: 200, body: { chat, message: echoed } };
  }

  async function followUp(chat: Chat, request: FollowUpRequest): Promise<Reply> {
    await sleep(latency);
    const sent = message(chat.json.id as string, request.parts);
    chat.messages.push(sent);
    stats.messagesSent += 1;
    return { status: 200, body: { message: sent } };
  }

  /** Runs `work` at most once per (scope, key): replays answer the stored reply, duplicates in flight 409. */
  async function once(scope: string, key: string | null, print: string, work: () => Promise<Reply>): Promise<Reply | ApiError> {
    if (key === null) return work();
    const slot = `${scope}\u0000${key}`;
    const entry = idempotency.get(slot);
    if (entry) {
      if (entry.fingerprint !== print) return err(400, 1002, 'This idempotency_key was already used with a different body.');
      if (entry.reply === null) return err(409, 1009, 'A request with this idempotency_key is still in progress.');
      return entry.reply;
    }
    const fresh: IdemEntry = { fingerprint: print, reply: null };
    idempotency.set(slot, fresh);
    try {
      fresh.reply = await work();
      return fresh.reply;
    } catch (error) {
      idempotency.delete(slot);
      throw error;
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, trace: string): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    const chatRoute = /^\/api\/v1\/chats\/([^/]+)\/messages$/.exec(path);
    const known = path === '/api/v1/chats' ? ['POST'] : chatRoute ? ['GET', 'POST'] : null;
    const raw = await readBody(req);
    if (raw === 'too-large') {
      // As a proxy in front of the API would answer: plain text, no envelope.
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('413 Request Entity Too Large\n');
      return;
    }
    if (known === null) return sendError(res, trace, err(404, 1000, 'No such route.'));
    if (!known.includes(method)) {
      res.setHeader('allow', known.join(', '));
      return sendError(res, trace, err(405, 1000, `Method ${method.slice(0, 16)} is not allowed here.`));
    }
    const tenant = authenticate(req, raw);
    if (isError(tenant)) return sendError(res, trace, tenant);
    const limited = throttle(tenant);
    if (limited) return sendError(res, trace, limited);

    if (chatRoute) {
      let chatId: string;
      try {
        chatId = decodeURIComponent(chatRoute[1] as string);
      } catch {
        chatId = '';
      }
      const chat = chats.get(chatId);
      const found = chat && chat.tenant === tenant.slug ? chat : undefined;
      if (method === 'GET') {
        if (!found) return sendError(res, trace, err(404, 2002, 'Chat not found.'));
        const messages = found.messages.slice(-HISTORY_PAGE);
        return send(res, trace, { status: 200, body: { messages, has_more: found.messages.length > HISTORY_PAGE } });
      }
      const json = parseJson(req, raw);
      if (isError(json)) return sendError(res, trace, json);
      const request = parseFollowUp(json.value);
      if (isError(request)) return sendError(res, trace, request);
      if (!found) return sendError(res, trace, err(404, 2002, 'Chat not found.'));
      const reply = await once(`${tenant.slug}\u0000${chatId}`, request.idempotencyKey, fingerprint(request), () => followUp(found, request));
      return isError(reply) ? sendError(res, trace, reply) : send(res, trace, reply);
    }

    const json = parseJson(req, raw);
    if (isError(json)) return sendError(res, trace, json);
    const request = parseCreate(json.value);
    if (isError(request)) return sendError(res, trace, request);
    if (!tenant.lines.includes(request.from)) {
      return sendError(res, trace, err(403, 2006, 'from is not a line assigned to this tenant.'));
    }
    const reply = await once(tenant.slug, request.idempotencyKey, fingerprint(request), () => create(tenant, request));
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
