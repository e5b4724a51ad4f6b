import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { COMMAND_NAMES, registerCommandsFor } from '../../src/cli/command-modules.js';

const registered = async (args: readonly string[]): Promise<string[]> => {
  const program = new Command('fba-bridge');
  await registerCommandsFor(program, args);
  return program.commands.map((c) => c.name());
};

describe('command modules', () => {
  it('registers every command, in the listed order, when none is named (help, no arguments, a mistyped name)', async () => {
    for (const args of [[], ['--help'], ['help', 'inventory'], ['invntory', 'sync']]) {
      assert.deepEqual(await registered(args), COMMAND_NAMES, args.join(' '));
    }
  });

  it('registers only the module of the command named, with the other commands that module holds', async () => {
    assert.deepEqual(await registered(['inventory', 'sync', '--pool', 'eu']), ['inventory', 'audit']);
    assert.deepEqual(await registered(['audit', 'skus']), ['inventory', 'audit']);
    assert.deepEqual(await registered(['tokens', 'list']), ['users', 'tokens']);
    assert.deepEqual(await registered(['start']), ['start']);
  });
});
