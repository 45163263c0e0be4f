/**
 * Binary min-heap of search labels ordered by (cost, hops, insertion order): the insertion order makes
 * ties deterministic, so every backend that builds the same snapshot returns the same paths.
 */
export class LabelHeap {
  private cost: number[] = [];
  private hops: number[] = [];
  private seq: number[] = [];
  private label: number[] = [];
  private counter = 0;

  get size(): number {
    return this.label.length;
  }

  push(label: number, cost: number, hops: number): void {
    this.cost.push(cost);
    this.hops.push(hops);
    this.seq.push(this.counter++);
    this.label.push(label);
    this.up(this.label.length - 1);
  }

  /** Removes and returns the smallest label (undefined when empty). */
  pop(): number | undefined {
    const n = this.label.length;
    if (n === 0) return undefined;
    const top = this.label[0];
    this.move(n - 1, 0);
    this.cost.pop(); this.hops.pop(); this.seq.pop(); this.label.pop();
    if (this.label.length > 0) this.down(0);
    return top;
  }

  private less(a: number, b: number): boolean {
    if (this.cost[a] !== this.cost[b]) return this.cost[a] < this.cost[b];
    if (this.hops[a] !== this.hops[b]) return this.hops[a] < this.hops[b];
    return this.seq[a] < this.seq[b];
  }

  private move(from: number, to: number): void {
    this.cost[to] = this.cost[from]; this.hops[to] = this.hops[from]; this.seq[to] = this.seq[from]; this.label[to] = this.label[from];
  }

  private swap(a: number, b: number): void {
    [this.cost[a], this.cost[b]] = [this.cost[b], this.cost[a]];
    [this.hops[a], this.hops[b]] = [this.hops[b], this.hops[a]];
    [this.seq[a], this.seq[b]] = [this.seq[b], this.seq[a]];
    [this.label[a], this.label[b]] = [this.label[b], this.label[a]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.label.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
