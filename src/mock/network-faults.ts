// Hostile networks and broken deployments, played in front of the mock's router so the suite can
// be tested against them: a slow link, a target that goes silent, resets, HTML or 500 pages,
// one failing input class, huge bodies, redirects. Unlike faults.ts these break no single
// requirement; they test that the suite reaches an honest verdict fast whatever the target does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATS_PATH } from './router.ts';

export type NetworkFaults = {
  /** Milliseconds added before every answer (a target this far away). */
  latencyMs?: number;
  /** After this many API requests, accept every connection and request but never answer. */
  hangAfter?: number;
  /** Share (0..1) of requests whose connection is destroyed before anything is read or stored. */
  resetRate?: number;
  /** After this many API requests, answer 200 with an HTML page (a proxy's error page). */
  garbageAfter?: number;
  /** Answer every API request 500 with an HTML page. */
  errorHtml?: boolean;
  /** Answer 500 / 3001 (retryable) to every create that succeeds for this input class. */
  failClass?: FailClass;
  /** Every Nth API request gets a 200 whose body is HUGE_BODY_BYTES long. */
  hugeEvery?: number;
  /** Answer every API request 307 to another origin. */
  redirect?: boolean;
};

export const FAIL_CLASSES = ['group', 'international'] as const;
export type FailClass = (typeof FAIL_CLASSES)[number];

export const HUGE_BODY_BYTES = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 'x');
const HTML = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>upstream unavailable</p></body></html>';
/** Where --redirect sends requests: a port nothing listens on, so nothing reaches anyone. */
export const REDIRECT_ORIGIN = 'http://127.0.0.1:9';

/** One line per option, for `npm run mock -- --help`. */
export const NETWORK_FAULT_HELP = [
  '  --latency MS        add MS milliseconds before every answer (a distant target)',
  '  --hang-after N      after N API requests, accept connections but never answer (a dead target)',
  '  --reset RATE        destroy that share (0..1) of connections before any side effect',
  '  --garbage-after N   after N API requests, answer 200 with an HTML page',
  '  --error-html        answer every API request 500 with an HTML page',
  `  --fail-class NAME   answer 500 / 3001 to every accepted create of one input class (${FAIL_CLASSES.join(', ')})`,
  '  --huge-every N      every Nth API request gets a 200 with a 64 MB body',
  '  --redirect          answer every API request 307 to another origin',
].join('\n');

export type Respond = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendHuge(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': HUGE_BODY_BYTES });
  let sent = 0;
  const more = (): void => {
    while (sent < HUGE_BODY_BYTES && !res.destroyed) {
      sent += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once('drain', more);
    }
    res.end();
  };
  more();
}

function sendHtml(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(HTML) }).end(HTML);
}

/** Does a create's body fall in the failing class? Read from the mock's own reply, after the handler ran. */
export function inFailClass(failClass: FailClass, reply: unknown): boolean {
  const chat = (reply as { chat?: { is_group?: unknown; handles?: { address?: unknown }[] } } | undefined)?.chat;
  if (!chat) return false;
  if (failClass === 'group') return chat.is_group === true;
  return (chat.handles ?? []).some((h) => typeof h.address === 'string' && !h.address.startsWith('+1'));
}

/**
 * Wraps the mock's request handler. Only API requests count and are touched; the mock's own
 * stats route always answers, so a runner can still read how far a run got.
 */
export function withNetworkFaults(faults: NetworkFaults, respond: Respond): Respond {
  let count = 0;
  return async (req, res) => {
    if (req.url?.startsWith(STATS_PATH)) return respond(req, res);
    count++;
    if (faults.resetRate !== undefined && Math.random() < faults.resetRate) return void req.socket.destroy();
    if (faults.hangAfter !== undefined && count > faults.hangAfter) return; // never answered
    if (faults.latencyMs) await sleep(faults.latencyMs);
    if (faults.hugeEvery !== undefined && count % faults.hugeEvery === 0) return sendHuge(res);
    if (faults.errorHtml) return sendHtml(res, 500);
    if (faults.garbageAfter !== undefined && count > faults.garbageAfter) return sendHtml(res, 200);
    if (faults.redirect) return void res.writeHead(307, { location: `${REDIRECT_ORIGIN}${req.url ?? '/'}`, 'content-length': 0 }).end();
    return respond(req, res);
  };
}
