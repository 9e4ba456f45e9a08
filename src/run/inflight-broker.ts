// The run-wide in-flight cap as one pool, lent out by the runner. Split evenly, CHERT_MAX_INFLIGHT
// gave each of 3 workers 10 requests at once, even while the other two ran tests that send one
// request at a time; a property test's hundreds of requests then waited on a tenth of the window.
// With the pool, a worker takes a slot for each request it sends and gives it back with the answer,
// so whichever worker has requests to send may use what the others leave, and the run as a whole
// never exceeds the cap. Protocol over a loopback TCP connection per worker: the worker writes
// "a" to ask for a slot and "r" to give one back; the broker writes "g" for each slot granted, in
// the order asked. A worker that disconnects (ended, crashed) gives back what it held.
import { createServer, type Socket } from 'node:net';
import { ASK, GIVE_BACK, GRANT } from '../client/run-wide-slots.ts';

const ASK_BYTE = ASK.charCodeAt(0);
const GIVE_BACK_BYTE = GIVE_BACK.charCodeAt(0);

export type InflightBroker = { address: string; close: () => Promise<void> };

/** Starts the pool of `slots` on a free loopback port; `address` is "127.0.0.1:PORT". */
export async function startInflightBroker(slots: number): Promise<InflightBroker> {
  let free = slots;
  const held = new Map<Socket, number>();
  const waiting: Socket[] = [];
  const grant = () => {
    while (free > 0 && waiting.length > 0) {
      const socket = waiting.shift() as Socket;
      if (!held.has(socket)) continue; // gone since it asked
      free--;
      held.set(socket, (held.get(socket) as number) + 1);
      socket.write(GRANT);
    }
  };
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    held.set(socket, 0);
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) {
        if (byte === ASK_BYTE) waiting.push(socket);
        const mine = held.get(socket) ?? 0;
        if (byte === GIVE_BACK_BYTE && mine > 0) {
          held.set(socket, mine - 1);
          free++;
        }
      }
      grant();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      free += held.get(socket) ?? 0;
      held.delete(socket);
      grant();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of held.keys()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
