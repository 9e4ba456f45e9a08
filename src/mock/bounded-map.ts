// A Map that forgets its oldest entries past a capacity, so a client sending endless distinct
// keys or creates cannot grow the mock's memory without bound.
//
// Two generations instead of one Map with per-entry eviction: deleting the oldest key of a V8 Map
// one at a time leaves tombstones that the next "oldest key" lookup must skip, which made eviction
// O(n). Here the older generation is dropped whole when the newer one fills half the capacity.
export class BoundedMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private readonly generation: number;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`capacity must be an integer of 2 or more, got ${capacity}`);
    this.generation = Math.floor(capacity / 2);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: K): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  set(key: K, value: V): void {
    this.previous.delete(key);
    this.current.set(key, value);
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
  }

  /** Every value, oldest generation first. */
  *values(): IterableIterator<V> {
    yield* this.previous.values();
    yield* this.current.values();
  }

  delete(key: K): void {
    this.current.delete(key);
    this.previous.delete(key);
  }
}
