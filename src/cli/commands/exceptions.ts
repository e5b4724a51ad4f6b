// `fba-bridge exceptions [list|show|retry|ignore|resolve|assign]`: the exceptions a person must act on.
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import type { ExceptionRecord, ExceptionStatus, Store } from '../../ports/store.js';
import { EXCEPTION_TYPES, type ExceptionType, type OwnerTeam } from '../../domain/exceptions/exception-types.js';
import type { Result } from '../../domain/shared/result.js';
import { assignException, findException, ignoreException, resolveException, retryException, type Actor } from '../../actions/exception-actions.js';
import { age, iso, printJson, UsageError, withStore } from '../cli-support.js';
import { scrubSecrets } from '../../config/secret.js';

export function registerExceptionsCommand(program: Command): void {
  const cmd = program.command('exceptions').description('list, show, retry, ignore, resolve or assign the exceptions people must act on');
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
      const done = must(await retryException(store, e, cliActor(), Date.now()));
      process.stdout.write(`queued order ${e.subjectLabel ?? e.subjectId} (${done.kind}); a running bridge picks it up at once. The exception closes when the order goes through.\n`);
    }));
  cmd.command('ignore <id>').description('stop showing an exception (it stays in the records)')
    .requiredOption('--reason <text>', 'why it needs no action (kept in the audit log)')
    .action(async (id: string, opts: { reason: string }) => withStore(async (store) => {
      must(await ignoreException(store, await mustGet(store, id), cliActor(), opts.reason, Date.now()));
      process.stdout.write(`exception ${id} ignored\n`);
    }));
  cmd.command('resolve <id>').description('close an exception that was fixed by hand')
    .option('--note <text>', 'what was done (kept in the audit log)', '')
    .action(async (id: string, opts: { note: string }) => withStore(async (store) => {
      must(await resolveException(store, await mustGet(store, id), cliActor(), opts.note, Date.now()));
      process.stdout.write(`exception ${id} resolved\n`);
    }));
  cmd.command('assign <id> <email>').description('give an exception to a person')
    .action(async (id: string, email: string) => withStore(async (store) => {
      const who = must(await assignException(store, await mustGet(store, id), cliActor(), email, Date.now()));
      process.stdout.write(`exception ${id} assigned to ${who}\n`);
    }));
}

/** The CLI runs on the server: whoever can run it administers the bridge; the audit names the OS user. */
function cliActor(): Actor {
  return { name: `cli:${userInfo().username}`, role: 'admin' };
}

function must<T>(r: Result<T, string>): T {
  if (!r.ok) throw new UsageError(r.error);
  return r.value;
}

async function mustGet(store: Store, id: string): Promise<ExceptionRecord> {
  return must(await findException(store, id));
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
