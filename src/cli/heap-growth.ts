// How far V8 lets the bridge's heap grow between two full collections (docs/adr/0019, "Memory").
// V8 sets the old generation's next limit to what survived the last full collection times a factor
// that it lets reach 4 when the heap may grow to 2 GiB or more — Node's default on any machine with
// 8 GiB or more — and a busy process allocates fast enough to get it. The bridge holds about 30 MiB
// (its code and a sync's batch; measured flat from 2,000 to 20,000 SKUs), and a write-heavy inventory
// sync promotes short-lived objects (a batch's reads, plans, audit rows, HTTP answers) quickly, so
// its old generation filled with garbage to about 4 × 30 MiB before each collection: 270 MiB RSS for
// 20,000 SKUs with 30 MiB live. A fixed factor of 1.3 keeps it near what it holds, at a few more
// (short: small heap) full collections. Set at run time — V8 reads it at every full collection, and
// Node refuses it in NODE_OPTIONS — so every way of starting the bridge (`fba-bridge`, `npx`,
// `node dist/cli/main.js`, the Connect applications) gets it with no re-launch. A factor given on
// node's own command line is kept (`node --heap-growing-percent=0 …` gives V8 back its own).
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow by this share of what survived the last full collection. */
export const HEAP_GROWING_PERCENT = 30;
const FLAG = '--heap-growing-percent';

/** Answers whether the bridge set the factor (false when node was started with one). */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  const named = (arg: string): boolean => arg === FLAG || arg.startsWith(`${FLAG}=`) || arg === '--heap_growing_percent' || arg.startsWith('--heap_growing_percent=');
  if (execArgv.some(named)) return false;
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return true;
}
