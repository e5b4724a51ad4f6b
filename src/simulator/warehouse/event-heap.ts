// A min-heap of timed events, earliest first and, at the same moment, first scheduled first: the order
// events run in is a function of what was scheduled, never of how the heap happens to be laid out.

interface Entry<T> {
  readonly at: number;
  readonly seq: number;
  readonly value: T;
}

export class EventHeap<T> {
  readonly #items: Array<Entry<T>> = [];
  #seq = 0;

  get size(): number {
    return this.#items.length;
  }

  /** Moment of the earliest event, or Infinity when there is none. */
  nextAt(): number {
    return this.#items[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  push(at: number, value: T): void {
    const items = this.#items;
    items.push({ at, seq: this.#seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  /** Removes and answers the earliest event due at or before `now`. */
  popDue(now: number): { at: number; value: T } | undefined {
    const items = this.#items;
    const top = items[0];
    if (!top || top.at > now) return undefined;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && before(items[left]!, items[smallest]!)) smallest = left;
        if (right < items.length && before(items[right]!, items[smallest]!)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return { at: top.at, value: top.value };
  }

  clear(): void {
    this.#items.length = 0;
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
