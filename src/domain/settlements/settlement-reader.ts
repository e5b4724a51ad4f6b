// Streaming import of a settlement flat file: chunks in (from a file, a download, a test), events
// out — the header, each row, each problem as soon as it is found — and last an `end` event with the
// verdict. Memory stays flat however large the file: nothing is kept but the unfinished line.
// The reader does no I/O itself; src/adapters/settlement-file opens files.
// A file is `accepted` only with no problem at all and Σ detail amounts = total-amount exactly;
// callers import nothing from a rejected file (read it to the end first, or stage and discard).
import { SettlementLineParser, type SettlementEvent, type SettlementParseOutcome } from './settlement-line-parser.js';
import { SettlementTextLines, type SettlementEncoding } from './settlement-text-lines.js';
import type { SettlementHeader, SettlementProblem, SettlementRow } from './settlement-types.js';

export interface SettlementReadResult extends SettlementParseOutcome {
  readonly encoding: SettlementEncoding;
  readonly byteOrderMark: boolean;
  readonly verdict: 'accepted' | 'rejected';
}

export type SettlementReadEvent = SettlementEvent | { readonly kind: 'end'; readonly result: SettlementReadResult };

export type SettlementSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** Reads a settlement file chunk by chunk; the last event is always `end`. */
export async function* readSettlement(source: SettlementSource): AsyncGenerator<SettlementReadEvent, void, undefined> {
  const events: SettlementEvent[] = [];
  const parser = new SettlementLineParser((event) => events.push(event));
  const lines = new SettlementTextLines({
    line: (text, lineNumber) => parser.line(text, lineNumber),
    problem: (lineNumber, problem, fatal) => parser.report(lineNumber, problem, fatal),
  });
  for await (const chunk of source) {
    lines.push(chunk);
    for (let i = 0; i < events.length; i++) yield events[i] as SettlementEvent;
    events.length = 0;
    if (parser.stoppedReading) break; // leaving the loop closes the source
  }
  const text = parser.stoppedReading ? lines.summary : lines.end();
  const outcome = parser.finish();
  for (const event of events) yield event;
  yield {
    kind: 'end',
    result: {
      ...outcome,
      encoding: text.encoding,
      byteOrderMark: text.byteOrderMark,
      verdict: outcome.problemCount === 0 && outcome.balanced ? 'accepted' : 'rejected',
    },
  };
}

export interface CollectedSettlement {
  readonly header?: SettlementHeader;
  readonly rows: readonly SettlementRow[];
  readonly problems: readonly SettlementProblem[];
  readonly result: SettlementReadResult;
}

/** The whole file in memory: for small files and tests. Large files go through readSettlement. */
export async function collectSettlement(source: SettlementSource): Promise<CollectedSettlement> {
  const rows: SettlementRow[] = [];
  const problems: SettlementProblem[] = [];
  let header: SettlementHeader | undefined;
  for await (const event of readSettlement(source)) {
    switch (event.kind) {
      case 'header': header = event.header; break;
      case 'row': rows.push(event.row); break;
      case 'problem': problems.push(event.problem); break;
      case 'end': return { header, rows, problems, result: event.result };
    }
  }
  throw new Error('readSettlement ended without its end event');
}
