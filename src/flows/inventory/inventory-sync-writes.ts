// Step 3 of a batch of a pool sync: write what differs (absolute, version-guarded). A 409 means an entry moved
// under us: re-read those SKUs and decide again, a few rounds at most; the next sync takes the rest.
import type { AuditInput } from '../../ports/store.js';
import { applyWrites, type WriteOutcome } from './inventory-apply-writes.js';
import { readEntries } from './inventory-commercetools-read.js';
import { MAX_REDECIDE_ROUNDS, type InventoryChange } from './inventory-flow-types.js';
import type { Decision, SyncDecisions } from './inventory-sync-decisions.js';
import type { SyncInputs } from './inventory-sync-inputs.js';
import { entryKey, type SyncRun } from './inventory-sync-run.js';

export interface SyncWrites {
  readonly changes: InventoryChange[];
  /** SKU → why its write failed for good in this sync. */
  readonly failedSkus: Map<string, string>;
  /** entry key → when the write landed. */
  readonly landedAt: Map<string, number>;
  readonly audit: AuditInput[];
  readonly postedOk: Set<string>;
  readonly postedFailed: Set<string>;
  conflicts: number;
  heldBack: number;
}

/** `onSent` is told of each write answered (for the run's progress). */
export async function writeDecisions(run: SyncRun, inputs: SyncInputs, decisions: SyncDecisions, first: Decision, onSent?: () => void): Promise<SyncWrites> {
  const writes: SyncWrites = { changes: [], failedSkus: new Map(), landedAt: new Map(), audit: [], postedOk: new Set(), postedFailed: new Set(), conflicts: 0, heldBack: 0 };
  let decision = first;
  for (let round = 0; ; round += 1) {
    const outcomes = await applyWrites(run.deps.commercetools, inputs.channels, decision.plan.writes, onSent);
    const stale = takeOutcomes(run, decisions, writes, outcomes);
    if (stale.size === 0) break;
    const retry = [...stale].filter((s) => !writes.failedSkus.has(s));
    if (round + 1 >= MAX_REDECIDE_ROUNDS) {
      for (const s of retry) writes.failedSkus.set(s, 'its entries kept changing while the bridge wrote them (409 Conflict after re-reading); the next sync decides again');
      break;
    }
    const reread = await readEntries(run.deps.commercetools, inputs.channels, retry);
    if (!reread.ok) {
      for (const s of retry) writes.failedSkus.set(s, `re-reading after a 409 failed: ${reread.error.message}`);
      break;
    }
    decision = await decisions.decide(retry, reread.value);
  }
  return writes;
}

/** Books each outcome; answers the SKUs whose entries were stale (409). */
function takeOutcomes(run: SyncRun, decisions: SyncDecisions, writes: SyncWrites, outcomes: readonly WriteOutcome[]): Set<string> {
  const { connectionId } = run.deps;
  const stale = new Set<string>();
  for (const o of outcomes) {
    const w = o.write;
    const at = run.now();
    if (o.kind === 'landed') {
      writes.changes.push({ sku: w.sku, channel: w.channel, from: w.kind === 'create' ? null : w.previousQuantityOnStock, to: w.quantityOnStock });
      decisions.observedOf.set(entryKey(w.sku, w.channel), {
        id: o.entry.id, version: o.entry.version, sku: w.sku, channel: w.channel, quantityOnStock: o.entry.quantityOnStock, availableQuantity: o.entry.availableQuantity,
      });
      writes.landedAt.set(entryKey(w.sku, w.channel), at);
      writes.postedOk.add(w.channel);
      writes.audit.push({
        connectionId, system: 'commercetools', action: w.kind === 'create' ? 'createInventoryEntry' : 'changeQuantity', subjectType: 'sku', subjectId: w.sku,
        outcome: 'ok', message: `${w.channel}: quantityOnStock ${w.kind === 'create' ? 'created at' : `${w.previousQuantityOnStock} →`} ${w.quantityOnStock}`, at,
      });
    } else if (o.kind === 'stale') {
      writes.conflicts += 1;
      stale.add(w.sku);
    } else if (o.kind === 'failed') {
      writes.failedSkus.set(w.sku, `${w.channel}: ${o.error.code}: ${o.error.message}`);
      writes.postedFailed.add(w.channel);
      writes.audit.push({ connectionId, system: 'commercetools', action: 'changeQuantity', subjectType: 'sku', subjectId: w.sku, outcome: 'failed', message: `${w.channel}: ${o.error.message}`, at });
    } else {
      writes.heldBack += 1;
    }
  }
  return stale;
}
