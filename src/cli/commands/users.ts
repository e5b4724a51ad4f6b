// `fba-bridge users add|list|remove` and `fba-bridge tokens create|list|revoke`: who may use the console
// and its JSON API. Passwords come from a prompt (not echoed) or from stdin, never from the command line.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { addLocalUser, createApiToken } from '../../actions/people.js';
import { ROLES } from '../../domain/access/roles.js';
import { iso, printJson, UsageError, withStore } from '../cli-support.js';

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('people who may sign in to the console');
  users.command('add <email>').description('add a local account (or change its role and password)')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--password-stdin', 'read the password from standard input instead of a prompt')
    .action(async (email: string, opts: { role: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await readStdin() : await promptHidden(`password for ${email}: `);
      await withStore(async (store) => {
        const added = await addLocalUser(store, email, opts.role, password, Date.now());
        if (!added.ok) throw new UsageError(added.error);
        process.stdout.write(`${added.value.email} may sign in as ${added.value.role}\n`);
      });
    });
  users.command('list').description('everyone who may sign in').option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => withStore(async (store) => {
      const list = (await store.console.listUsers()).map(({ passwordHash: _hash, ...u }) => u);
      if (opts.json) return printJson(list);
      if (list.length === 0) process.stdout.write('nobody yet: add someone with `fba-bridge users add <email> --role admin`\n');
      for (const u of list) process.stdout.write(`${u.email.padEnd(36)} ${u.role.padEnd(11)} ${u.source.padEnd(6)} since ${iso(u.createdAt)}\n`);
    }));
  users.command('remove <email>').description('remove an account and end its sessions')
    .action(async (email: string) => withStore(async (store) => {
      if (!(await store.console.removeUser(email.trim().toLowerCase()))) throw new UsageError(`nobody called "${email}"; see \`fba-bridge users list\``);
      process.stdout.write(`${email} removed; their sessions are ended\n`);
    }));

  const tokens = program.command('tokens').description('API tokens for scripts (the console\'s JSON API)');
  tokens.command('create').description('create a token; it is shown once')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--label <text>', 'what the token is for', 'api token')
    .action(async (opts: { role: string; label: string }) => withStore(async (store) => {
      const made = await createApiToken(store, opts.role, opts.label, Date.now());
      if (!made.ok) throw new UsageError(made.error);
      process.stdout.write(`${made.value.token}\n`);
      process.stderr.write(`token ${made.value.record.id}… (${made.value.record.role}) created; keep it now, it is not shown again. Send it as "Authorization: Bearer <token>".\n`);
    }));
  tokens.command('list').description('tokens by id (never their secret)').option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => withStore(async (store) => {
      const list = await store.console.listTokens();
      if (opts.json) return printJson(list);
      for (const t of list) process.stdout.write(`${t.id}…  ${t.role.padEnd(11)} ${t.revokedAt ? `revoked ${iso(t.revokedAt)}` : 'active'}  ${t.label}\n`);
    }));
  tokens.command('revoke <id>').description('stop a token from working')
    .action(async (id: string) => withStore(async (store) => {
      if (!(await store.console.revokeToken(id.replace(/…$/, ''), Date.now()))) throw new UsageError(`no active token ${id}; see \`fba-bridge tokens list\``);
      process.stdout.write(`token ${id} revoked\n`);
    }));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password: pipe it in with --password-stdin');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const mute = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => { rl.close(); process.stdout.write('\n'); resolve(answer); });
    mute._writeToOutput = () => {};
  });
}
