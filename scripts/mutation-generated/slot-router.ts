// The address the suite talks to during a generated mutation run: a byte-for-byte relay to the
// instrumented mock, except that a test slot running a static mutant is relayed to a mock process
// of its own, started with that mutant on (a static mutant is evaluated once, when its module
// loads). So static mutants join the same rounds as the others instead of costing a whole suite
// run each. The coverage run goes through the relay too, so a relay that changed any answer would
// fail the suite before any mutant runs.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SLOT_HEADER } from './slot-key.ts';

// No cap on sockets: a request a hanging mutant never answers holds its socket until its client
// gives up, and a capped pool full of those would queue every other slot's request behind them.
const agent = new http.Agent({ keepAlive: true });

export class SlotRouter {
  private routes = new Map<string, string>();
  private readonly server = http.createServer((req, res) => this.relay(req, res));

  constructor(private main: string) {}

  /** Slots without a route of their own go to this mock from now on (a fresh one, between runs). */
  retarget(main: string): void {
    this.main = main;
  }

  listen(): Promise<string> {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`));
    });
  }

  /** Slots (`<test key>/<repeat>`) relayed to another mock's base URL; all others go to the main one. */
  route(routes: ReadonlyMap<string, string>): void {
    this.routes = new Map(routes);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      agent.destroy();
    });
  }

  private relay(req: IncomingMessage, res: ServerResponse): void {
    const header = req.headers[SLOT_HEADER];
    const slot = Array.isArray(header) ? header[0] : header;
    const target = new URL((slot !== undefined && this.routes.get(slot)) || this.main);
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        // An answer before the whole upload (413): read the rest here, as the mock would, so
        // closing the connection after the answer does not reset it under the client.
        if (!req.complete) {
          req.unpipe(upstream);
          req.resume();
        }
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      // The mock may answer early (413) and close while the client still uploads: keep reading
      // the upload, as the mock itself does, so the client gets to read the answer.
      req.unpipe(upstream);
      req.resume();
      // The mock gave no answer (cut the connection, or died): so does the relay.
      if (!res.headersSent) res.destroy();
    });
    req.on('error', () => upstream.destroy());
    // The client gave up (its timeout) before the whole answer: so does the relay, freeing the socket.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}
