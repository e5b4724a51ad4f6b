// `fba-bridge simulate amazon`: flags parsed and turned into simulator options (the action itself is
// replaced so nothing starts listening here), bad values refused before anything starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command, CommanderError } from 'commander';
import { registerSimulateCommand, simulatorOptionsFromFlags, type SimulateAmazonFlags } from '../../src/cli/commands/simulate.js';

function parse(args: string[]): Promise<SimulateAmazonFlags> {
  const program = new Command('fba-bridge').exitOverride();
  registerSimulateCommand(program);
  const simulate = program.commands.find((c) => c.name() === 'simulate')!;
  const amazon = simulate.commands.find((c) => c.name() === 'amazon')!;
  amazon.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return new Promise((resolve, reject) => {
    amazon.action((flags: SimulateAmazonFlags) => resolve(flags));
    program.parseAsync(['simulate', 'amazon', ...args], { from: 'user' }).catch(reject);
  });
}

test('defaults: port 4010 on 127.0.0.1, seed 1, real time, Amazon\'s own rates, no faults', async () => {
  const options = simulatorOptionsFromFlags(await parse([]));
  assert.deepEqual(options, { port: 4010, host: '127.0.0.1', seed: 1, timeScale: 1, rateScale: 1, faults: {} });
});

test('every flag reaches the simulator options', async () => {
  const flags = await parse([
    '--port', '0', '--host', '0.0.0.0', '--seed', '42', '--time-scale', '3600', '--rate-scale', '20',
    '--fault-rate', '0.1', '--timeout-rate', '0.05', '--throttle-rate', '0.02', '--latency-ms', '80', '--stuck-rate', '0.01',
    '--timeout-ms', '30000', '--state-file', '/tmp/sim.json',
  ]);
  assert.deepEqual(simulatorOptionsFromFlags(flags), {
    port: 0, host: '0.0.0.0', seed: 42, timeScale: 3600, rateScale: 20, stateFile: '/tmp/sim.json',
    faults: { faultRate: 0.1, timeoutRate: 0.05, throttleRate: 0.02, latencyMs: 80, stuckRate: 0.01, timeoutMs: 30000 },
  });
});

test('stock and notification flags reach the simulator options', async () => {
  const flags = await parse([
    '--marketplace-sales-per-hour', '0.5', '--notify-url', 'http://127.0.0.1:8080/events/amazon', '--notify-format', 'eventbridge', '--seller-id', 'A3TH9S8BH6GOGM',
    '--sqs-endpoint', 'http://127.0.0.1:9324',
  ]);
  assert.deepEqual(simulatorOptionsFromFlags(flags), {
    port: 4010, host: '127.0.0.1', seed: 1, timeScale: 1, rateScale: 1, faults: {},
    marketplaceSalesPerHour: 0.5, notifyUrl: 'http://127.0.0.1:8080/events/amazon', notifyFormat: 'eventbridge', sellerId: 'A3TH9S8BH6GOGM',
    sqsEndpoint: 'http://127.0.0.1:9324',
  });
});

test('--notify-secret, or INTAKE_SECRET when it is not given, is the bearer secret of notifications to --notify-url', async () => {
  const url = 'http://127.0.0.1:8080/events/amazon';
  const given = simulatorOptionsFromFlags(await parse(['--notify-url', url, '--notify-secret', 'from-the-flag-0123456789abcdef']), { INTAKE_SECRET: 'from-the-env-0123456789abcdef' });
  assert.equal(given.notifySecret, 'from-the-flag-0123456789abcdef');
  const fromEnv = simulatorOptionsFromFlags(await parse(['--notify-url', url]), { INTAKE_SECRET: 'from-the-env-0123456789abcdef' });
  assert.equal(fromEnv.notifySecret, 'from-the-env-0123456789abcdef');
  assert.equal(simulatorOptionsFromFlags(await parse(['--notify-url', url]), {}).notifySecret, undefined);
  // No URL, nothing to send it with.
  assert.equal(simulatorOptionsFromFlags(await parse([]), { INTAKE_SECRET: 'from-the-env-0123456789abcdef' }).notifySecret, undefined);
});

test('settlement flags reach the simulator options', async () => {
  const flags = await parse(['--settlement-days', '7', '--refund-rate', '0.1']);
  assert.deepEqual(simulatorOptionsFromFlags(flags), {
    port: 4010, host: '127.0.0.1', seed: 1, timeScale: 1, rateScale: 1, faults: {}, settlementDays: 7, refundRate: 0.1,
  });
});

test('bad values are refused with a message', async () => {
  for (const args of [
    ['--fault-rate', '2'], ['--time-scale', '0'], ['--port', 'x'], ['--seed', '1.5'], ['--rate-scale', '-1'],
    ['--marketplace-sales-per-hour', '-1'], ['--refund-rate', '1.5'], ['--notify-url', 'ftp://x'], ['--notify-url', 'localhost:8080'], ['--notify-format', 'sns'],
  ]) {
    await assert.rejects(parse(args), (error: unknown) => error instanceof CommanderError && /expected/.test(error.message), args.join(' '));
  }
});
