// A growable ring buffer of task ids: the pool's queue of active tasks. Requeued tasks go back to
// the front (Batch retries them first), new arrivals to the back.

export class TaskDeque {
  private data = new Int32Array(1024);
  private head = 0;
  length = 0;

  pushBack(id: number): void {
    this.grow();
    this.data[(this.head + this.length) & (this.data.length - 1)] = id;
    this.length++;
  }

  pushFront(id: number): void {
    this.grow();
    this.head = (this.head - 1 + this.data.length) & (this.data.length - 1);
    this.data[this.head] = id;
    this.length++;
  }

  /** The first id, or -1 when empty. */
  peek(): number {
    return this.length === 0 ? -1 : (this.data[this.head] as number);
  }

  popFront(): number {
    if (this.length === 0) return -1;
    const id = this.data[this.head] as number;
    this.head = (this.head + 1) & (this.data.length - 1);
    this.length--;
    return id;
  }

  /** Ids from front to back (for the end-of-run statistics). */
  *[Symbol.iterator](): IterableIterator<number> {
    for (let i = 0; i < this.length; i++) yield this.data[(this.head + i) & (this.data.length - 1)] as number;
  }

  private grow(): void {
    if (this.length < this.data.length) return;
    const next = new Int32Array(this.data.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.data[(this.head + i) & (this.data.length - 1)] as number;
    this.data = next;
    this.head = 0;
  }
}

/** A binary min-heap of (end time, task id, run number) for running tasks. */
export class EndHeap {
  private ends: number[] = [];
  private ids: number[] = [];
  private runs: number[] = [];

  get size(): number {
    return this.ends.length;
  }

  push(end: number, id: number, run: number): void {
    this.ends.push(end);
    this.ids.push(id);
    this.runs.push(run);
    let i = this.ends.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.ends[p] as number) <= end) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** The earliest end time, or Infinity. */
  peekEnd(): number {
    return this.ends.length === 0 ? Number.POSITIVE_INFINITY : (this.ends[0] as number);
  }

  pop(): { end: number; id: number; run: number } | undefined {
    if (this.ends.length === 0) return undefined;
    const top = { end: this.ends[0] as number, id: this.ids[0] as number, run: this.runs[0] as number };
    const last = this.ends.length - 1;
    this.swap(0, last);
    this.ends.pop();
    this.ids.pop();
    this.runs.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.ends.length && (this.ends[l] as number) < (this.ends[m] as number)) m = l;
      if (r < this.ends.length && (this.ends[r] as number) < (this.ends[m] as number)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.ends[a], this.ends[b]] = [this.ends[b] as number, this.ends[a] as number];
    [this.ids[a], this.ids[b]] = [this.ids[b] as number, this.ids[a] as number];
    [this.runs[a], this.runs[b]] = [this.runs[b] as number, this.runs[a] as number];
  }
}
