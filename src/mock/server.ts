// The mock's HTTP server: node:http on 127.0.0.1 only, one JSON answer per request, X-Trace-ID on
// every answer. Anything a handler throws becomes a 500 envelope instead of a crash.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { envelopeBody, envelopeHeaders, newTraceId } from './envelope.ts';
import { apiError } from './errors.ts';
import type { FaultName } from './faults.ts';
import { inFailClass, withNetworkFaults, type NetworkFaults } from './network-faults.ts';
import { answer } from './pipeline.ts';
import { matchRoute, type RouteMatch } from './router.ts';
import { createState, statsOf, type MockOptions, type MockState } from './state.ts';
import type { Stats } from './store.ts';
import type { Reply } from './types.ts';

export type { MockOptions } from './state.ts';

export type RunningMock = {
  /** Base URL, e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  close(): Promise<void>;
  stats(): Stats;
};

export const HOST = '127.0.0.1';

/** The routes of a chat's life (contract 1c), for the fault that breaks their envelope alone. */
const LIFE_ROUTES: ReadonlySet<string> = new Set(['typing', 'mark-read', 'update-chat', 'add-participant', 'remove-participant', 'leave', 'react', 'edit']);

/** trace-id-mismatch-life-routes: those routes build their own error bodies with a fresh trace id. */
function envelopeFault(state: MockState, req: IncomingMessage): FaultName | undefined {
  if (state.fault !== 'trace-id-mismatch-life-routes') return state.fault;
  const match = matchRoute(req.method ?? 'GET', req.url ?? '/');
  return match.kind === 'route' && LIFE_ROUTES.has(match.name) ? 'trace-id-mismatch' : undefined;
}

function write(res: ServerResponse, reply: Reply, traceId: string, state: MockState, fault = state.fault): void {
  if (res.headersSent || res.destroyed) return;
  const isError = 'error' in reply;
  const status = isError ? reply.error.status : reply.status;
  const payload = JSON.stringify(isError ? envelopeBody(reply.error, traceId, fault) : reply.body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...reply.headers,
    ...(isError ? envelopeHeaders(reply.error, state.fault) : undefined),
  };
  if (!(fault === 'trace-id-missing-on-success' && status < 400)) headers['x-trace-id'] = traceId;
  res.writeHead(status, headers).end(payload);
}

/** A body sent with a Content-Type other than JSON (content-type-bare-415 refuses it). */
function notJson(req: IncomingMessage): boolean {
  const sent = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  return sent && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

/** A framework's own answer, before any handler: plain text, no envelope, no trace id. */
function writeBare(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  req.resume();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

async function respond(state: MockState, req: IncomingMessage, res: ServerResponse, network?: NetworkFaults): Promise<void> {
  // wrong-method-bare-405: the framework answers a method the route lacks with its own default page.
  if (state.fault === 'wrong-method-bare-405' && matchRoute(req.method ?? 'GET', req.url ?? '/').kind === 'wrong-method') return writeBare(req, res, 405, 'Method Not Allowed');
  // content-type-bare-415: the framework's body parser refuses a body that is not typed as JSON.
  if (state.fault === 'content-type-bare-415' && notJson(req)) return writeBare(req, res, 415, 'Unsupported Media Type');
  const traceId = newTraceId();
  let reply: Reply;
  try {
    reply = await answer(state, req);
    // --fail-class: the create ran (a crash after the side effect), then the answer is a 500.
    if (network?.failClass && 'body' in reply && inFailClass(network.failClass, reply.body)) reply = { error: apiError(3001) };
  } catch (error) {
    // Expected under the faults that crash on purpose; a bug otherwise, so say so on stderr.
    if (state.fault === undefined) process.stderr.write(`chert mock: unexpected error (${traceId}): ${String((error as Error)?.stack ?? error)}\n`);
    reply = { error: apiError(3001) };
  }
  // trace-id-missing-mark-read: the mark-read handler writes its answer itself, without the header.
  const fault = state.fault === 'trace-id-missing-mark-read'
    ? ((match: RouteMatch) => (match.kind === 'route' && match.name === 'mark-read' ? 'trace-id-missing-on-success' : undefined))(matchRoute(req.method ?? 'GET', req.url ?? '/'))
    : envelopeFault(state, req);
  write(res, reply, traceId, state, fault);
}

/**
 * When writing the answer itself throws (a bug in the writer, never a request's fault): the
 * request still ends, with a bare 500, and the server keeps serving (it is a product users run).
 */
export function lastResort(res: ServerResponse, error: unknown): void {
  process.stderr.write(`chert mock: writing an answer failed: ${String((error as Error)?.stack ?? error)}\n`);
  if (res.headersSent) res.destroy();
  else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Internal error.');
}

/** Requests Node cannot parse as HTTP still get the envelope, then the connection closes. */
function onClientError(state: MockState, error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const traceId = newTraceId();
  const body = JSON.stringify(envelopeBody(apiError(1002, 'Malformed HTTP request.', { status }), traceId, state.fault));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nx-trace-id: ${traceId}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startMock(options: MockOptions & { network?: NetworkFaults }): Promise<RunningMock> {
  const state = createState(options);
  const { network } = options;
  const handler = network ? withNetworkFaults(network, (req, res) => respond(state, req, res, network)) : (req: IncomingMessage, res: ServerResponse) => respond(state, req, res);
  const server = createServer((req, res) => void Promise.resolve(handler(req, res)).catch((error: unknown) => lastResort(res, error)));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => onClientError(state, error, socket));
  const port = await listen(server, options.port ?? 0);
  return { url: `http://${HOST}:${port}`, close: () => close(server), stats: () => statsOf(state) };
}
