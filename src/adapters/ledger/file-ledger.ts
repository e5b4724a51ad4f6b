// A ledger that is a folder of import files: what finance imports today (Xero manual journals,
// QuickBooks Online journal entries, or JSON). Idempotent by entry key through a manifest in the folder
// (key → file and content hash): posting the same entries again writes nothing, and an entry posted
// before with different lines is refused as a conflict instead of being exported twice.
// Files and manifest are written to a temporary name and renamed, so a crash leaves either the old or
// the new version. A crash between a file and the manifest rewrites the same file (same name, same
// content) on the next post. One process per folder: the lock below is per process.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../../domain/settlements/journal-entry.js';
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import type { LedgerPort, LedgerPostOptions, LedgerPostReport } from '../../ports/ledger.js';
import { AsyncMutex } from '../store/async-mutex.js';
import { toJournalJson } from './journal-json.js';
import { toQuickBooksJournalCsv, type QuickBooksJournalOptions } from './quickbooks-journal-csv.js';
import { groupForXeroImport, toXeroManualJournalCsv, XERO_MAX_LINES_PER_FILE, type XeroManualJournalOptions } from './xero-manual-journal-csv.js';

export type JournalFileFormat = 'xero' | 'quickbooks' | 'json';

export interface FileLedgerOptions {
  readonly directory: string;
  readonly format: JournalFileFormat;
  /** When set, entries in another currency are refused (Xero and QuickBooks journals are in the base currency). */
  readonly baseCurrency?: string;
  readonly xero?: XeroManualJournalOptions;
  readonly quickbooks?: QuickBooksJournalOptions;
}

export const LEDGER_MANIFEST_FILE = 'fba-bridge-ledger.json';
const EXTENSION: Record<JournalFileFormat, string> = { xero: 'xero.csv', quickbooks: 'quickbooks.csv', json: 'json' };

interface Manifest {
  readonly version: 1;
  readonly entries: Record<string, { readonly file: string; readonly sha256: string }>;
}

/** JSON with keys sorted, so the hash does not depend on the order properties were created in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const entryContentHash = (entry: JournalEntry): string => createHash('sha256').update(canonicalJson(entry)).digest('hex');

const ioFailure = (what: string, error: unknown) =>
  failure('retryable', 'LedgerWriteFailed', `${what}: ${error instanceof Error ? error.message : String(error)}`);

export class FileLedger implements LedgerPort {
  private readonly lock = new AsyncMutex();

  constructor(private readonly options: FileLedgerOptions) {}

  post(entries: readonly JournalEntry[], options: LedgerPostOptions = {}): Promise<Result<LedgerPostReport>> {
    return this.lock.runExclusive(() => this.postExclusive(entries, options));
  }

  private async postExclusive(entries: readonly JournalEntry[], options: LedgerPostOptions): Promise<Result<LedgerPostReport>> {
    const foreign = entries.find((e) => this.options.baseCurrency !== undefined && e.currency !== this.options.baseCurrency);
    if (foreign !== undefined) {
      return fail(failure('permanent', 'CurrencyMismatch', `entry ${foreign.key} is in ${foreign.currency}, the ledger in ${this.options.baseCurrency}: convert it or post it to a ledger in ${foreign.currency}`));
    }
    const manifest = await this.readManifest();
    if (!manifest.ok) return manifest;
    const known = { ...manifest.value.entries };
    const fresh = new Map<string, { entry: JournalEntry; sha256: string }>();
    const alreadyPosted: string[] = [];
    const conflicts: string[] = [];
    for (const entry of entries) {
      const sha256 = entryContentHash(entry);
      const seen = known[entry.key] ?? fresh.get(entry.key);
      if (seen === undefined) fresh.set(entry.key, { entry, sha256 });
      else if (seen.sha256 !== sha256) conflicts.push(entry.key);
      else if (known[entry.key] !== undefined) alreadyPosted.push(entry.key);
    }
    if (conflicts.length > 0) {
      return fail(failure('permanent', 'LedgerConflict', `entries ${conflicts.join(', ')} were exported before with different lines (see ${LEDGER_MANIFEST_FILE} in ${this.options.directory}); reverse the earlier import in the accounting system and remove those keys from the manifest, or keep the earlier version`));
    }
    const report: LedgerPostReport = { posted: [...fresh.keys()], alreadyPosted };
    if (options.dryRun === true || fresh.size === 0) return ok(report);

    const files = this.render([...fresh.values()].map((f) => f.entry));
    if (!files.ok) return files;
    try {
      await mkdir(this.options.directory, { recursive: true });
      for (const file of files.value) {
        await this.writeAtomically(file.name, file.text);
        for (const entry of file.entries) known[entry.key] = { file: file.name, sha256: fresh.get(entry.key)?.sha256 ?? '' };
      }
      await this.writeAtomically(LEDGER_MANIFEST_FILE, JSON.stringify({ version: 1, entries: known } satisfies Manifest, null, 2) + '\n');
    } catch (error) {
      return fail(ioFailure(`cannot write the journal files in ${this.options.directory}`, error));
    }
    return ok(report);
  }

  private render(entries: readonly JournalEntry[]): Result<Array<{ name: string; text: string; entries: readonly JournalEntry[] }>> {
    const bySettlement = new Map<string, JournalEntry[]>();
    for (const entry of entries) bySettlement.set(entry.settlementId, [...(bySettlement.get(entry.settlementId) ?? []), entry]);
    const out: Array<{ name: string; text: string; entries: readonly JournalEntry[] }> = [];
    for (const [settlementId, group] of bySettlement) {
      const parts = this.options.format === 'xero' ? groupForXeroImport(group) : { files: [group], oversized: [] };
      if (parts.oversized.length > 0) {
        return fail(failure('permanent', 'XeroFileTooLarge', `entries ${parts.oversized.join(', ')} have more than ${XERO_MAX_LINES_PER_FILE} lines, more than Xero imports from one file: build the journal without per-order lines (orderDetail "none") or post it through an accounting API`));
      }
      parts.files.forEach((part, i) => {
        const first = part[0]?.entryNumber ?? 0;
        const last = part[part.length - 1]?.entryNumber ?? 0;
        const name = `amazon-settlement-${settlementId.replace(/[^A-Za-z0-9_-]/g, '_')}-entries-${first}-${last}${parts.files.length > 1 ? `-part${i + 1}` : ''}.${EXTENSION[this.options.format]}`;
        out.push({ name, text: this.text(part), entries: part });
      });
    }
    return ok(out);
  }

  private text(entries: readonly JournalEntry[]): string {
    switch (this.options.format) {
      case 'xero': return toXeroManualJournalCsv(entries, this.options.xero);
      case 'quickbooks': return toQuickBooksJournalCsv(entries, this.options.quickbooks);
      case 'json': return toJournalJson(entries);
    }
  }

  private async readManifest(): Promise<Result<Manifest>> {
    const path = join(this.options.directory, LEDGER_MANIFEST_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({ version: 1, entries: {} });
      return fail(ioFailure(`cannot read ${path}`, error));
    }
    try {
      const parsed = JSON.parse(text) as Partial<Manifest>;
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('not a version 1 manifest');
      return ok({ version: 1, entries: parsed.entries });
    } catch (error) {
      return fail(failure('permanent', 'LedgerManifestDamaged', `${path} is damaged (${error instanceof Error ? error.message : String(error)}): restore it from backup; without it the ledger cannot tell what was exported`));
    }
  }

  private async writeAtomically(name: string, text: string): Promise<void> {
    const path = join(this.options.directory, name);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  }
}
