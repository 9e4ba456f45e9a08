// The run-wide in-flight pool: the runner lends CHERT_MAX_INFLIGHT slots (src/run/inflight-broker.ts)
// and each worker takes one per request (src/client/run-wide-slots.ts), so a busy worker may use
// what idle ones leave while the run never exceeds the cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InflightLimiter } from '../../src/client/inflight.ts';
import { RunWideSlots } from '../../src/client/run-wide-slots.ts';
import { startInflightBroker } from '../../src/run/inflight-broker.ts';

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `acquire` and reports whether it has resolved after a short wait. */
async function settlesSoon<T>(acquire: Promise<T>): Promise<{ done: boolean; value: Promise<T> }> {
  let done = false;
  void acquire.then(() => (done = true));
  await tick();
  return { done, value: acquire };
}

test('one worker may take every slot of the pool; the next ask waits for one to come back', async () => {
  const broker = await startInflightBroker(3);
  try {
    const busy = new RunWideSlots(broker.address, 1);
    const idle = new RunWideSlots(broker.address, 1);
    const held = [await busy.acquire(), await busy.acquire(), await busy.acquire()];
    const waiting = await settlesSoon(idle.acquire());
    assert.equal(waiting.done, false, 'the pool of 3 is in use');
    (held[0] as () => void)();
    (held[0] as () => void)(); // given back twice: counted once
    assert.equal((await settlesSoon(waiting.value)).done, true);
    assert.equal((await settlesSoon(busy.acquire())).done, false, 'still 3 in use: the double give-back freed nothing more');
  } finally {
    await broker.close();
  }
});

test('a worker that goes away gives back every slot it held', async () => {
  const broker = await startInflightBroker(2);
  const socketsOf = (slots: RunWideSlots) => (slots as unknown as { socket: { destroy(): void } }).socket;
  try {
    const leaving = new RunWideSlots(broker.address, 1);
    await leaving.acquire();
    await leaving.acquire();
    const staying = new RunWideSlots(broker.address, 1);
    const waiting = await settlesSoon(staying.acquire());
    assert.equal(waiting.done, false);
    socketsOf(leaving).destroy();
    assert.equal((await settlesSoon(waiting.value)).done, true);
  } finally {
    await broker.close();
  }
});

test('without its broker a worker keeps to its even share of the cap', async () => {
  const broker = await startInflightBroker(10);
  const slots = new RunWideSlots(broker.address, 2);
  const first = await slots.acquire();
  await broker.close();
  await tick();
  const a = await slots.acquire();
  await slots.acquire();
  assert.equal((await settlesSoon(slots.acquire())).done, false, 'two of the fallback share in use');
  a();
  first(); // granted by the broker before it went: giving it back changes nothing
  assert.equal((await settlesSoon(slots.acquire())).done, true);
});

test("the in-flight window takes a pool slot per request, and the pool's wait is not the target's latency", async () => {
  const broker = await startInflightBroker(1);
  try {
    let now = 0;
    const other = new RunWideSlots(broker.address, 1);
    const blocker = await other.acquire();
    const slots = new RunWideSlots(broker.address, 1);
    const limiter = new InflightLimiter(8, 4, () => now, () => slots.acquire());
    const pending = limiter.acquire();
    await tick();
    now = 10_000; // a long wait for the pool...
    blocker();
    const release = await pending;
    now += 100; // ...then a 100 ms answer
    release('ok');
    assert.equal(limiter.window, 5, 'one more: the answer was fast, not a climb in latency');
  } finally {
    await broker.close();
  }
});
