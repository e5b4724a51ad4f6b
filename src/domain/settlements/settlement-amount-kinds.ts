// The amount-type and amount-description of a V2 line, as written, told from the pairs seen before.
// An order's lines come in a fixed sequence (ItemPrice Principal, ItemPrice Tax, …, ItemFees
// Commission): the pair that followed this one last time is tried first, with one comparison of the
// line's text; then the pairs seen anywhere in the file, by their text. A known pair stands for cutting
// out both fields, trimming them and finding their canonical spellings again.
// Only for files whose columns run amount-type, amount-description, amount (all real ones): the text of
// a pair is then the line's text from amount-type's start to amount's, both tabs included.

/** A pair as written and what it reads as. */
export interface AmountKind {
  /** `<amount-type>\t<amount-description>\t`, exactly as in the line (blanks included). */
  readonly raw: string;
  readonly amountType: string;
  readonly amountDescription: string;
}

interface Entry extends AmountKind {
  /** The pair that followed this one the last time it was seen, and the one before that (an order and a refund go on differently). */
  next: Entry | undefined;
  other: Entry | undefined;
}

/** Pairs remembered at most: a real file has a few dozen; a file of free-text descriptions must not fill memory. */
const KINDS_KEPT = 1_024;

export class AmountKinds {
  private readonly byRaw = new Map<string, Entry>();
  private last: Entry | undefined;

  /**
   * The pair at the start of text[at, end) when it is one seen before (its raw text ends before `end`),
   * else undefined. What follows it up to `end` is the amount field.
   */
  recall(text: string, at: number, end: number): AmountKind | undefined {
    const last = this.last;
    if (last !== undefined) {
      if (startsAt(text, at, end, last.next)) return this.last = last.next as Entry;
      if (startsAt(text, at, end, last.other)) return this.followed(last, last.other as Entry);
    }
    const tab = text.indexOf('\t', at);
    const second = tab < 0 ? -1 : text.indexOf('\t', tab + 1);
    if (second < 0 || second >= end) return undefined;
    const entry = this.byRaw.get(text.slice(at, second + 1));
    if (entry === undefined) return undefined;
    return last === undefined ? this.last = entry : this.followed(last, entry);
  }

  /**
   * A pair read field by field: remembered (when there is room) and noted as the latest. Returns the
   * pair as remembered: rows that take their values from it hold the very same strings, which those
   * who compare rows' values (the summary) then tell apart by reference.
   */
  seen(raw: string, amountType: string, amountDescription: string): AmountKind {
    const last = this.last;
    let entry = last?.next?.raw === raw ? last.next : last?.other?.raw === raw ? last.other : this.byRaw.get(raw);
    if (entry === undefined) {
      entry = { raw: copy(raw), amountType: copy(amountType), amountDescription: copy(amountDescription), next: undefined, other: undefined };
      if (this.byRaw.size < KINDS_KEPT) this.byRaw.set(entry.raw, entry);
    }
    if (last === undefined) this.last = entry;
    else this.followed(last, entry);
    return entry;
  }

  /** `entry` came after `last`: the prediction for next time. */
  private followed(last: Entry, entry: Entry): Entry {
    if (last.next !== entry) {
      last.other = last.next;
      last.next = entry;
    }
    return this.last = entry;
  }
}

/** `kind` is written at text[at, …) and ends before `end`. */
function startsAt(text: string, at: number, end: number, kind: Entry | undefined): boolean {
  return kind !== undefined && at + kind.raw.length <= end && text.slice(at, at + kind.raw.length) === kind.raw;
}

/**
 * A flat copy: a field is a slice of the chunk its line came from, and a remembered slice would keep the
 * whole chunk in memory (a thousand pairs, a thousand chunks).
 */
function copy(text: string): string {
  return (` ${text}`).slice(1);
}
