// A fixed-capacity ring: pushing past capacity overwrites the oldest item. O(1) push, no
// reallocation, so a chatty service's tail costs the same memory at line 1 and line 10⁹.

/** Bounded FIFO of the last `capacity` items. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  readonly capacity: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.items = new Array<T | undefined>(capacity);
  }

  /** Adds an item, dropping the oldest when full. */
  push(item: T): void {
    const index = (this.start + this.count) % this.capacity;
    this.items[index] = item;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** How many items are held. */
  get size(): number {
    return this.count;
  }

  /** The newest `n` items (all when n ≥ size), oldest first. */
  last(n: number): T[] {
    const take = Math.max(0, Math.min(Math.floor(n), this.count));
    const out: T[] = [];
    for (let offset = this.count - take; offset < this.count; offset++) {
      out.push(this.items[(this.start + offset) % this.capacity] as T);
    }
    return out;
  }

  /** Every item, oldest first. */
  toArray(): T[] {
    return this.last(this.count);
  }

  /** Empties the ring. */
  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}
