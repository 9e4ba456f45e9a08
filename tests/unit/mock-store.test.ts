// The mock's bounded stores: what they keep, what they forget, and the idempotency claim states.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMap } from '../../src/mock/bounded-map.ts';
import { IdempotencyStore } from '../../src/mock/idempotency.ts';
import { DEFAULT_CAPACITY } from '../../src/mock/state.ts';

describe('BoundedMap', () => {
  it('never holds more than its capacity and forgets the oldest keys first', () => {
    const map = new BoundedMap<number, number>(10);
    for (let i = 0; i < 1000; i++) {
      map.set(i, i);
      assert.ok(map.size <= 10);
    }
    assert.equal(map.get(999), 999);
    assert.equal(map.get(0), undefined);
  });

  it('keeps at least half its capacity of the most recent keys', () => {
    const map = new BoundedMap<number, number>(10);
    for (let i = 0; i < 103; i++) map.set(i, i);
    for (let i = 98; i < 103; i++) assert.equal(map.get(i), i);
  });

  it('re-setting a key keeps one entry for it', () => {
    const map = new BoundedMap<string, number>(4);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    assert.deepEqual([map.get('a'), map.size], [3, 2]);
  });

  it('the default capacity is finite', () => {
    assert.ok(Number.isInteger(DEFAULT_CAPACITY) && DEFAULT_CAPACITY <= 100_000);
  });
});

describe('IdempotencyStore', () => {
  const outcome = { status: 201, body: { ok: 1 }, chatId: 'c', messageId: 'm' };

  it('a first claim is new, a second while in flight is in flight', () => {
    const store = new IdempotencyStore(100);
    assert.equal(store.claim('k', 'body').kind, 'new');
    assert.equal(store.claim('k', 'body').kind, 'in-flight');
  });

  it('after completion, the same body replays and another body mismatches', () => {
    const store = new IdempotencyStore(100);
    store.claim('k', 'body');
    store.complete('k', 'body', outcome);
    assert.deepEqual(store.claim('k', 'body'), { kind: 'replay', outcome });
    assert.deepEqual(store.claim('k', 'other'), { kind: 'mismatch', outcome });
  });

  it('a released claim can be claimed again', () => {
    const store = new IdempotencyStore(100);
    store.claim('k', 'body');
    store.release('k');
    assert.equal(store.claim('k', 'body').kind, 'new');
  });

  it('peek never reserves the key', () => {
    const store = new IdempotencyStore(100);
    assert.equal(store.peek('k', 'body').kind, 'new');
    assert.equal(store.peek('k', 'body').kind, 'new');
  });
});
