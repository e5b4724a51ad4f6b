// Which module registers each top-level command, loaded only when it is asked for. A process runs one
// command, and each command's module pulls in its own stack (`start` the server and console, `settlement`
// the report parsers and ledgers, `connect` the Connect applications): loading all of them to register
// them cost an `inventory sync` about 10 MiB it never used (docs/adr/0019, "Outside V8's heap").
import type { Command } from 'commander';

type Register = (program: Command) => void;

/** In the order `fba-bridge --help` lists them; a module may register several commands. */
const COMMAND_MODULES: ReadonlyArray<{ readonly names: readonly string[]; readonly load: () => Promise<Register> }> = [
  { names: ['start'], load: async () => (await import('./commands/start.js')).registerStartCommand },
  { names: ['demo'], load: async () => (await import('./commands/demo.js')).registerDemoCommand },
  { names: ['simulate'], load: async () => (await import('./commands/simulate.js')).registerSimulateCommand },
  { names: ['setup'], load: async () => (await import('./commands/setup.js')).registerSetupCommand },
  { names: ['status'], load: async () => (await import('./commands/status.js')).registerStatusCommand },
  { names: ['exceptions'], load: async () => (await import('./commands/exceptions.js')).registerExceptionsCommand },
  { names: ['order'], load: async () => (await import('./commands/order.js')).registerOrderCommand },
  { names: ['inventory', 'audit'], load: async () => (await import('./commands/inventory.js')).registerInventoryCommand },
  { names: ['settlement'], load: async () => (await import('./commands/settlement.js')).registerSettlementCommand },
  { names: ['users', 'tokens'], load: async () => (await import('./commands/users.js')).registerUsersCommand },
  { names: ['connect'], load: async () => (await import('./commands/connect.js')).registerConnectCommand },
  { names: ['rehearse'], load: async () => (await import('./commands/rehearse.js')).registerRehearseCommand },
];

/** Every top-level command name. */
export const COMMAND_NAMES: readonly string[] = COMMAND_MODULES.flatMap((m) => m.names);

/**
 * Registers the command `args` names (its first word; the program has no options of its own), or every
 * command when it names none it knows: `--help`, `help …`, no arguments, a mistyped name (so commander
 * can list them or suggest one).
 */
export async function registerCommandsFor(program: Command, args: readonly string[]): Promise<void> {
  const named = COMMAND_MODULES.find((m) => m.names.includes(args[0] ?? ''));
  const modules = named ? [named] : COMMAND_MODULES;
  const registers = await Promise.all(modules.map((m) => m.load()));
  for (const register of registers) register(program);
}
