// `fba-bridge simulate amazon`: runs the SP-API simulator in the foreground, so people can rehearse
// peak trading and failure scenarios against it and developers can point the bridge at it.
import { InvalidArgumentError, type Command } from 'commander';
import {
  describeFaults, startAmazonSimulator, type AmazonSimulator, type AmazonSimulatorOptions, type NotifyFormat,
} from '../../simulator/index.js';
import { processEnvironment } from '../../config/environment.js';

export interface SimulateAmazonFlags {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly timeScale: number;
  readonly rateScale: number;
  readonly faultRate?: number;
  readonly timeoutRate?: number;
  readonly throttleRate?: number;
  readonly latencyMs?: number;
  readonly stuckRate?: number;
  readonly timeoutMs?: number;
  readonly stateFile?: string;
  readonly marketplaceSalesPerHour?: number;
  readonly notifyUrl?: string;
  readonly notifySecret?: string;
  readonly notifyFormat?: NotifyFormat;
  readonly sqsEndpoint?: string;
  readonly sellerId?: string;
  readonly settlementDays?: number;
  readonly refundRate?: number;
}

const number = (what: string, check: (n: number) => boolean) => (raw: string): number => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new InvalidArgumentError(`expected ${what}, got "${raw}"`);
  return n;
};
const share = number('a share between 0 and 1', (n) => n >= 0 && n <= 1);
const positive = number('a positive number', (n) => n > 0);
const nonNegative = number('a number ≥ 0', (n) => n >= 0);
const integer = number('an integer', Number.isSafeInteger);
const port = number('a port between 0 and 65535', (n) => Number.isInteger(n) && n >= 0 && n <= 65535);
const httpUrl = (raw: string): string => {
  if (!/^https?:\/\/[^\s]+$/.test(raw) || !URL.canParse(raw)) throw new InvalidArgumentError(`expected an http(s) URL, got "${raw}"`);
  return raw;
};
const notifyFormat = (raw: string): NotifyFormat => {
  if (raw !== 'sqs' && raw !== 'eventbridge') throw new InvalidArgumentError(`expected sqs or eventbridge, got "${raw}"`);
  return raw;
};

/**
 * The simulator options a set of flags stands for (pure: tested without starting anything). The
 * notification secret falls back to INTAKE_SECRET, so a simulator started beside a bridge in the same
 * shell is let in by it.
 */
export function simulatorOptionsFromFlags(flags: SimulateAmazonFlags, env: Readonly<Record<string, string | undefined>> = {}): AmazonSimulatorOptions {
  const notifySecret = flags.notifySecret ?? (env.INTAKE_SECRET?.trim() || undefined);
  const faults = {
    ...(flags.faultRate !== undefined ? { faultRate: flags.faultRate } : {}),
    ...(flags.timeoutRate !== undefined ? { timeoutRate: flags.timeoutRate } : {}),
    ...(flags.throttleRate !== undefined ? { throttleRate: flags.throttleRate } : {}),
    ...(flags.latencyMs !== undefined ? { latencyMs: flags.latencyMs } : {}),
    ...(flags.stuckRate !== undefined ? { stuckRate: flags.stuckRate } : {}),
    ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
  };
  return {
    port: flags.port,
    host: flags.host,
    seed: flags.seed,
    timeScale: flags.timeScale,
    rateScale: flags.rateScale,
    faults,
    ...(flags.stateFile ? { stateFile: flags.stateFile } : {}),
    ...(flags.marketplaceSalesPerHour !== undefined ? { marketplaceSalesPerHour: flags.marketplaceSalesPerHour } : {}),
    ...(flags.notifyUrl ? { notifyUrl: flags.notifyUrl } : {}),
    ...(flags.notifyUrl && notifySecret ? { notifySecret } : {}),
    ...(flags.notifyFormat ? { notifyFormat: flags.notifyFormat } : {}),
    ...(flags.sqsEndpoint ? { sqsEndpoint: flags.sqsEndpoint } : {}),
    ...(flags.sellerId ? { sellerId: flags.sellerId } : {}),
    ...(flags.settlementDays !== undefined ? { settlementDays: flags.settlementDays } : {}),
    ...(flags.refundRate !== undefined ? { refundRate: flags.refundRate } : {}),
  };
}

export function describeSimulator(sim: AmazonSimulator): string {
  return `Amazon SP-API simulator listening on ${sim.url} (seed ${sim.seed}, time ×${sim.clock.timeScale}, rate limits ×${sim.rateScale}, `
    + `faults: ${describeFaults(sim.faults())}; admin: ${sim.url}/_simulator/state) — Ctrl+C to stop`;
}

export function registerSimulateCommand(program: Command): void {
  const simulate = program
    .command('simulate')
    .description('run a simulator of a partner system, to rehearse against it');

  simulate
    .command('commercetools')
    .description('commercetools-mock over HTTP (OAuth and the project API) as its own process, for rehearsals and local runs; state lives in memory')
    .option('--port <n>', 'port to listen on (0 picks a free one)', port, 4020)
    .option('--project-key <key>', 'the project key the mock serves', 'rehearsal')
    .action(async (flags: { port: number; projectKey: string }) => {
      // Loaded here: the mock pulls in fastify and msw, which no other command needs.
      const { startCommercetoolsMock } = await import('../../demo/commercetools-mock/ct-mock-server.js');
      const mock = await startCommercetoolsMock({ port: flags.port, projectKey: flags.projectKey });
      process.stdout.write(`commercetools-mock serving project ${flags.projectKey} on ${mock.apiUrl} (API and OAuth; any client id and secret) — Ctrl+C to stop\n`);
      const stop = () => {
        mock.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  simulate
    .command('amazon')
    .description('SP-API simulator: LWA token, Fulfillment Outbound 2020-07-01, FBA Inventory v1, Reports, Notifications, with rate limits, faults, moving stock and notifications')
    .option('--port <n>', 'port to listen on (0 picks a free one)', port, 4010)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed of every random choice (same seed, same run)', integer, 1)
    .option('--time-scale <x>', 'simulated seconds per real second', positive, 1)
    .option('--rate-scale <x>', 'multiplies every rate limit (buckets refill in real time)', positive, 1)
    .option('--fault-rate <r>', 'share of SP-API requests answered 500/503', share)
    .option('--timeout-rate <r>', 'share of SP-API requests that time out', share)
    .option('--throttle-rate <r>', 'share of SP-API requests answered 429 regardless of the bucket', share)
    .option('--latency-ms <n>', 'extra latency per SP-API request (ms, ±50%)', nonNegative)
    .option('--stuck-rate <r>', 'share of orders stuck in Planning forever', share)
    .option('--timeout-ms <n>', 'how long a timed-out request holds the socket (ms)', nonNegative)
    .option('--state-file <path>', 'JSON snapshot loaded at start and written at shutdown')
    .option('--marketplace-sales-per-hour <r>', 'sales on Amazon\'s own marketplace per SKU per simulated hour, from the same stock', nonNegative)
    .option('--notify-url <url>', 'POST FBA_INVENTORY_AVAILABILITY_CHANGES and FULFILLMENT_ORDER_STATUS notifications here', httpUrl)
    .option('--notify-secret <secret>', 'send notifications with Authorization: Bearer <secret> — the bridge\'s INTAKE_SECRET, which POST /events/amazon requires (default: $INTAKE_SECRET)')
    .option('--notify-format <format>', 'sqs: the notification as an SQS message body (default); eventbridge: wrapped in an EventBridge event', notifyFormat)
    .option('--sqs-endpoint <url>', 'SQS endpoint the Notifications API subscriptions deliver to (the destination queue is found there by its ARN)', httpUrl)
    .option('--seller-id <id>', 'SellerId the notifications carry')
    .option('--settlement-days <n>', 'a settlement period closes (settlement reports appear) every n simulated days (default 14)', positive)
    .option('--refund-rate <r>', 'share of Amazon-marketplace sales refunded in a later settlement period (default 0.05)', share)
    .action(async (flags: SimulateAmazonFlags) => {
      let sim: AmazonSimulator;
      try {
        sim = await startAmazonSimulator(simulatorOptionsFromFlags(flags, processEnvironment()));
      } catch (error) {
        process.stderr.write(`fba-bridge simulate amazon: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
      }
      process.stdout.write(`${describeSimulator(sim)}\n`);
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        // A second signal while closing means "now".
        if (stopping) process.exit(130);
        stopping = true;
        process.stdout.write(`${signal}: stopping the simulator\n`);
        sim.close().then(() => process.exit(0), (error: unknown) => {
          process.stderr.write(`could not close cleanly: ${String(error)}\n`);
          process.exit(1);
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
