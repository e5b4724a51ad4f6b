// `fba-bridge exceptions [list|show|retry|ignore]`: the exceptions a person must act on.
import type { Command } from 'commander';
import type { ExceptionRecord, ExceptionStatus, Store, WorkKind } from '../../ports/store.js';
import { EXCEPTION_TYPES, type ExceptionType, type OwnerTeam } from '../../domain/exceptions/exception-types.js';
import { CallPriority } from '../../ports/amazon-fulfillment.js';
import { age, iso, printJson, UsageError, withStore } from '../cli-support.js';
import { scrubSecrets } from '../../config/secret.js';

/** Which side of the order a retry must run again. */
const RETRY_KIND: Record<ExceptionType, WorkKind> = {
  'order.invalid-address': 'order.export',
  'order.invalid-sku': 'order.export',
  'order.unknown-sku': 'order.export',
  'order.limits-exceeded': 'order.export',
  'order.invalid-line': 'order.export',
  'order.rejected-by-amazon': 'order.export',
  'order.send-failed': 'order.export',
  'order.cancel-too-late': 'order.export',
  'order.cancel-failed': 'order.export',
  'order.unfulfillable': 'order.track',
  'order.invalid': 'order.track',
  'order.partially-fulfilled': 'order.track',
  'order.stuck-in-planning': 'order.track',
  'shipment.write-failed': 'order.track',
  'work.dead-letter': 'order.export',
  // About a connection's credentials, not an order: they close by themselves once accepted again.
  'amazon.credentials-refused': 'order.track',
  'commercetools.credentials-refused': 'order.track',
  // Inventory and SKU exceptions are not retried here (their subject is a SKU or a pool): the next
  // sync re-checks them, or `fba-bridge inventory sync` now.
  'inventory.sync-failed': 'order.track',
  'inventory.write-failed': 'order.track',
  'inventory.duplicate-entry': 'order.track',
  'inventory.drift': 'order.track',
  'sku.not-in-fba': 'order.track',
  'sku.not-in-storefront': 'order.track',
  'sku.bad-format': 'order.track',
  // Settlement exceptions are not retried here (their subject is a settlement, not an order).
  'settlement.unmatched-row': 'order.track',
  'settlement.refund-without-sale': 'order.track',
  'settlement.total-mismatch': 'order.track',
  'settlement.download-failed': 'order.track',
  'settlement.report-rejected': 'order.track',
  'settlement.unknown-value': 'order.track',
  // About an order, but nothing to re-run: the daily refund check re-checks it (storefront-refund-check.ts).
  'settlement.storefront-refund-unmatched': 'order.track',
};

export function registerExceptionsCommand(program: Command): void {
  const cmd = program.command('exceptions').description('list, show, retry or ignore the exceptions people must act on');
  cmd.command('list', { isDefault: true })
    .description('list exceptions (open ones by default)')
    .option('--status <status>', 'open, resolved, ignored or all', 'open')
    .option('--owner <team>', 'operations, ecommerce or finance')
    .option('--type <type>', `one of: ${EXCEPTION_TYPES.join(', ')}`)
    .option('--connection <id>', 'only this connection (when one deployment serves several brands)')
    .option('--limit <n>', 'at most this many', '200')
    .option('--json', 'print JSON')
    .action(async (opts: { status: string; owner?: string; type?: string; connection?: string; limit: string; json?: boolean }) => {
      if (!/^[1-9]\d{0,5}$/.test(opts.limit)) throw new UsageError(`--limit must be a whole number from 1, not "${opts.limit}"`);
      if (!['open', 'resolved', 'ignored', 'all'].includes(opts.status)) throw new UsageError(`--status must be open, resolved, ignored or all, not "${opts.status}"`);
      if (opts.owner && !['operations', 'ecommerce', 'finance'].includes(opts.owner)) throw new UsageError(`--owner must be operations, ecommerce or finance, not "${opts.owner}"`);
      if (opts.type && !(EXCEPTION_TYPES as readonly string[]).includes(opts.type)) throw new UsageError(`unknown --type "${opts.type}"; known: ${EXCEPTION_TYPES.join(', ')}`);
      await withStore(async (store) => {
        const list = await store.exceptions.list({
          ...(opts.status !== 'all' ? { status: opts.status as ExceptionStatus } : {}),
          ...(opts.owner ? { owner: opts.owner as OwnerTeam } : {}),
          ...(opts.type ? { type: opts.type as ExceptionType } : {}),
          ...(opts.connection ? { connectionId: opts.connection } : {}),
          limit: Number(opts.limit),
        });
        if (opts.json) return printJson(list);
        printList(list);
      });
    });
  cmd.command('show <id>').description('everything about one exception').option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => withStore(async (store) => {
      const e = await mustGet(store, id);
      if (opts.json) return printJson(e);
      printOne(e);
    }));
  cmd.command('retry <id>').description('run the order again now (after fixing the cause)')
    .action(async (id: string) => withStore(async (store) => {
      const e = await mustGet(store, id);
      if (e.subjectType !== 'order') throw new UsageError(`exception ${id} is about a ${e.subjectType}; only order exceptions can be retried here`);
      if (e.type === 'settlement.storefront-refund-unmatched') throw new UsageError(`exception ${id} is re-checked by the bridge's daily refund check; see its action (\`fba-bridge exceptions show ${id}\`)`);
      const now = Date.now();
      await store.work.enqueue({ connectionId: e.connectionId, kind: RETRY_KIND[e.type], subjectId: e.subjectId, priority: CallPriority.orderPriority, runAt: now }, now);
      process.stdout.write(`queued order ${e.subjectLabel ?? e.subjectId} (${RETRY_KIND[e.type]}); a running bridge picks it up at once. The exception closes when the order goes through.\n`);
    }));
  cmd.command('ignore <id>').description('stop showing an exception (it stays in the records)')
    .action(async (id: string) => withStore(async (store) => {
      await mustGet(store, id);
      await store.exceptions.setStatus(Number(id), 'ignored', Date.now());
      process.stdout.write(`exception ${id} ignored\n`);
    }));
}


async function mustGet(store: Store, id: string): Promise<ExceptionRecord> {
  if (!/^\d+$/.test(id)) throw new UsageError(`exception id must be a number, not "${id}"`);
  const e = await store.exceptions.get(Number(id));
  if (!e) throw new UsageError(`no exception ${id}; list them with \`fba-bridge exceptions\``);
  return e;
}

function printList(list: readonly ExceptionRecord[]): void {
  if (list.length === 0) {
    process.stdout.write('no exceptions\n');
    return;
  }
  const now = Date.now();
  process.stdout.write('   id  owner       age   type                        subject           reason\n');
  for (const e of list) {
    const full = scrubSecrets(e.reason);
    const reason = full.length > 90 ? full.slice(0, 87) + '…' : full;
    process.stdout.write(`${String(e.id).padStart(5)}  ${e.owner.padEnd(10)} ${age(e.firstSeenAt, now).padStart(4)}   ${e.type.padEnd(27)} ${(e.subjectLabel ?? e.subjectId).slice(0, 16).padEnd(17)} ${reason}\n`);
  }
  process.stdout.write(`${list.length} exception(s). Details: fba-bridge exceptions show <id>\n`);
}

function printOne(e: ExceptionRecord): void {
  const rows: Array<[string, string]> = [
    ['exception', `${e.id} (${e.status})`], ['type', e.type], ['owner', e.owner],
    ['subject', `${e.subjectType} ${e.subjectLabel ?? ''} ${e.subjectLabel ? `(${e.subjectId})` : e.subjectId}`.trim()],
    ['reason', scrubSecrets(e.reason)], ['action', e.action], ['first seen', iso(e.firstSeenAt)], ['last seen', iso(e.lastSeenAt)],
    ['occurrences', String(e.occurrences)], ['connection', e.connectionId],
  ];
  if (e.resolvedAt) rows.push(['resolved', iso(e.resolvedAt)]);
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(12)} ${v}\n`);
}
