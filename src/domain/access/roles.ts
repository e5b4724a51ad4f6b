// Who may do what in the console and its JSON API. One table, exhaustive: every action names the
// roles allowed, and team actions on exceptions are allowed only for the team that owns the exception.
import type { OwnerTeam } from '../exceptions/exception-types.js';

export const ROLES = ['viewer', 'ecommerce', 'operations', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** What a signed-in person (or an API token) may ask for. Reading is allowed to every role. */
export type ConsoleAction =
  | 'read'
  | 'exception.act'          // retry, ignore, resolve, assign: on the caller's own team's exceptions
  | 'inventory.sync'         // run an inventory sync (preview is a read)
  | 'settlement.import'      // upload a settlement file
  | 'journal.download'       // download a settlement's journal
  | 'users.manage';          // add/remove people, create API tokens

const ALLOWED: Record<ConsoleAction, readonly Role[]> = {
  read: ROLES,
  'exception.act': ['ecommerce', 'operations', 'finance', 'admin'],
  // Inventory belongs to operations (the stock at Amazon) and ecommerce (what the storefront shows).
  'inventory.sync': ['operations', 'ecommerce', 'admin'],
  'settlement.import': ['finance', 'admin'],
  'journal.download': ['finance', 'admin'],
  'users.manage': ['admin'],
};

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** `team`: the owner of the exception acted on, for 'exception.act'. */
export function decide(role: Role, action: ConsoleAction, team?: OwnerTeam): Decision {
  if (!ALLOWED[action].includes(role)) return { allowed: false, reason: `the ${role} role may not ${describe(action)}` };
  if (action === 'exception.act' && team !== undefined && role !== 'admin' && role !== team) {
    return { allowed: false, reason: `this exception belongs to ${team}; the ${role} role acts on ${role} exceptions only` };
  }
  return { allowed: true };
}

function describe(action: ConsoleAction): string {
  const words: Record<ConsoleAction, string> = {
    read: 'read',
    'exception.act': 'act on exceptions',
    'inventory.sync': 'run an inventory sync',
    'settlement.import': 'import settlements',
    'journal.download': 'download journals',
    'users.manage': 'manage users and tokens',
  };
  return words[action];
}
