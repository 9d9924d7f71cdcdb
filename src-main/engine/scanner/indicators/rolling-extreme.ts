/**
 * Maximum (or minimum) of the last `size` values in amortized O(1): a monotonic deque of
 * indices kept in fixed arrays, so a long replay allocates nothing per value.
 */
export class RollingExtreme {
  private readonly values: Float64Array;
  private readonly indices: Float64Array;
  private head = 0;
  private length = 0;
  private count = 0;

  constructor(
    readonly size: number,
    private readonly kind: 'max' | 'min',
  ) {
    this.values = new Float64Array(size + 1);
    this.indices = new Float64Array(size + 1);
  }

  /** Adds a value and returns the extreme of the window that ends with it. */
  push(value: number): number {
    const cap = this.values.length;
    const index = this.count;
    this.count += 1;
    // Drop entries the new value dominates (they can never be the extreme again).
    while (this.length > 0) {
      const tail = (this.head + this.length - 1) % cap;
      const v = this.values[tail] as number;
      if (this.kind === 'max' ? v <= value : v >= value) this.length -= 1;
      else break;
    }
    const at = (this.head + this.length) % cap;
    this.values[at] = value;
    this.indices[at] = index;
    this.length += 1;
    // Drop the front once it has left the window.
    while ((this.indices[this.head] as number) <= index - this.size) {
      this.head = (this.head + 1) % cap;
      this.length -= 1;
    }
    return this.values[this.head] as number;
  }

  get filled(): boolean {
    return this.count >= this.size;
  }
}
