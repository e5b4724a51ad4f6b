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

/** Everything but rows: the header and problems. */
export type SettlementNotice = Exclude<SettlementEvent, { kind: 'row' }>;

/**
 * What one chunk of the file held: its rows, handed over as they are (no event object around each of a
 * million rows), and its header and problems. The header comes before every row of the file, so a
 * receiver may take a batch's notices first and then its rows; `noticeAt[i]` says how many of the
 * batch's rows came before notice i, for a receiver that needs the exact order. `end` is set on the
 * last batch only.
 */
export interface SettlementBatch {
  readonly rows: readonly SettlementRow[];
  readonly notices: readonly SettlementNotice[];
  readonly noticeAt: readonly number[];
  readonly end?: SettlementReadResult;
}

export type SettlementSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * Reads a settlement file chunk by chunk and hands over each chunk's rows and notices as one batch
 * (the last batch carries `end`). Batches keep the per-row cost synchronous: a million awaits, one per
 * row, cost more than the parsing itself.
 */
export async function* readSettlementBatches(source: SettlementSource): AsyncGenerator<SettlementBatch, void, undefined> {
  let rows: SettlementRow[] = [];
  let notices: SettlementNotice[] = [];
  let noticeAt: number[] = [];
  const parser = new SettlementLineParser({
    row: (row) => { rows.push(row); },
    event: (event) => {
      notices.push(event);
      noticeAt.push(rows.length);
    },
  });
  const lines = new SettlementTextLines({
    line: (text, start, end, lineNumber, utf8Bytes) => parser.lineIn(text, start, end, lineNumber, utf8Bytes),
    problem: (lineNumber, problem, fatal) => parser.report(lineNumber, problem, fatal),
  });
  for await (const chunk of source) {
    lines.push(chunk);
    if (rows.length > 0 || notices.length > 0) {
      yield { rows, notices, noticeAt };
      rows = [];
      notices = [];
      noticeAt = [];
    }
    if (parser.stoppedReading) break; // leaving the loop closes the source
  }
  const text = parser.stoppedReading ? lines.summary : lines.end();
  const outcome = parser.finish();
  const end: SettlementReadResult = {
    ...outcome,
    encoding: text.encoding,
    byteOrderMark: text.byteOrderMark,
    verdict: outcome.problemCount === 0 && outcome.balanced ? 'accepted' : 'rejected',
  };
  yield { rows, notices, noticeAt, end };
}

/** The same, one event at a time, in file order: for small files and tests. */
export async function* readSettlement(source: SettlementSource): AsyncGenerator<SettlementReadEvent, void, undefined> {
  for await (const batch of readSettlementBatches(source)) {
    let notice = 0;
    for (let i = 0; i <= batch.rows.length; i++) {
      while (notice < batch.notices.length && batch.noticeAt[notice] === i) yield batch.notices[notice++] as SettlementNotice;
      const row = batch.rows[i];
      if (row !== undefined) yield { kind: 'row', row };
    }
    if (batch.end !== undefined) yield { kind: 'end', result: batch.end };
  }
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
