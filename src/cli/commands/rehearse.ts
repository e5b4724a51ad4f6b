// `fba-bridge rehearse`: will the bridge hold at peak? Runs the simulator, commercetools-mock and the
// bridge as separate processes, drives a profile's traffic and faults, and prints what customers and
// finance would feel; an HTML report and JSON for CI; exits 1 when a --target is missed.
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
// Only the pure descriptions (profiles, targets) load with the CLI; the rehearsal itself (seeders,
// processes, report) loads when the command runs, so `start` never carries it (test/architecture).
import { PROFILES, type ProfileName } from '../../demo/rehearsal/rehearsal-profile.js';
import { parseTarget, type Target } from '../../demo/rehearsal/rehearsal-targets.js';
import { ALLOCATION_POLICIES, type AllocationPolicy } from '../../domain/inventory/inventory-pool.js';
import { printJson } from '../cli-support.js';

interface RehearseFlags {
  readonly profile: ProfileName;
  readonly minutes: number;
  readonly ordersPerSecond: number;
  readonly policy: AllocationPolicy;
  readonly seed: number;
  readonly timeScale: number;
  readonly rateScale: number;
  readonly report?: string;
  readonly json?: boolean;
  readonly target: Target[];
  readonly bridgeUrl?: string;
  readonly bridgePid?: number;
  readonly bridgeNodeArg: string[];
}

const positive = (what: string) => (raw: string): number => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected ${what} above 0, got "${raw}"`);
  return n;
};
const oneOf = <T extends string>(values: readonly T[]) => (raw: string): T => {
  if (!(values as readonly string[]).includes(raw)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
};
const target = (raw: string, previous: Target[]): Target[] => {
  try {
    return [...previous, parseTarget(raw)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

export function registerRehearseCommand(program: Command): void {
  program
    .command('rehearse')
    .description('rehearse peak trading or an outage against the simulator and commercetools-mock, and measure what customers and finance would feel')
    .option('--profile <name>', `${PROFILES.join(' | ')}: steady traffic, a ramp to 10× (peak), or Amazon then commercetools failing (outage)`, oneOf(PROFILES), 'peak')
    .option('--minutes <n>', 'length of the order curve (the run drains the backlog afterwards)', positive('a number of minutes'), 3)
    .option('--orders-per-second <r>', 'storefront orders per second at the steady rate', positive('a rate'), 0.5)
    .option('--policy <policy>', `allocation policy of the two storefront channels: ${ALLOCATION_POLICIES.join(' | ')}`, oneOf(ALLOCATION_POLICIES), 'split')
    .option('--seed <n>', 'seed of every random choice', positive('a seed'), 1)
    .option('--time-scale <x>', 'simulated warehouse seconds per real second (picking and carriers take hours)', positive('a scale'), 120)
    .option('--rate-scale <x>', "multiplies Amazon's rate limits (1: Amazon's own)", positive('a scale'), 1)
    .option('--report <file>', 'write a self-contained HTML report here')
    .option('--json', 'print the figures as JSON (progress goes to stderr)')
    .option('--target <name=value>', 'a figure that must not be exceeded, e.g. p95-order-seconds=60 (repeatable); a miss exits 1', target, [])
    .option('--bridge-url <url>', 'rehearse your own `start` at this URL instead of starting one (its settings are written to a file the run names)')
    .option('--bridge-pid <pid>', 'with --bridge-url: the process id of that bridge, to measure its CPU from /proc (without it, from the bridge\'s /metrics)', positive('a process id'))
    .option('--bridge-node-arg <arg>', 'a node flag for the bridge process, e.g. --cpu-prof (repeatable)', (raw: string, prev: string[]) => [...prev, raw], [])
    .action(async (flags: RehearseFlags) => {
      const say = (line: string) => process.stderr.write(`${line}\n`);
      const { runRehearsal } = await import('../../demo/rehearsal/run-rehearsal.js');
      const { rehearsalHtml } = await import('../../demo/rehearsal/rehearsal-html.js');
      const { rehearsalTable } = await import('../../demo/rehearsal/rehearsal-table.js');
      const result = await runRehearsal({
        profile: flags.profile, minutes: flags.minutes, steadyRate: flags.ordersPerSecond, policy: flags.policy, seed: flags.seed,
        timeScale: flags.timeScale, rateScale: flags.rateScale, targets: flags.target,
        bridge: flags.bridgeUrl ? { url: flags.bridgeUrl.replace(/\/$/, ''), pid: flags.bridgePid ?? null } : null,
        bridgeNodeArgs: flags.bridgeNodeArg, say,
      });
      if (flags.report) {
        writeFileSync(flags.report, rehearsalHtml(result));
        say(`report written to ${flags.report}`);
      }
      if (flags.json) printJson(result);
      else process.stdout.write(rehearsalTable(result));
      const missed = result.targets.filter((t) => !t.met);
      for (const t of missed) say(`target missed: ${t.name} at most ${t.atMost}, measured ${t.measured === null ? 'nothing' : t.measured.toFixed(2)}`);
      process.exitCode = missed.length > 0 ? 1 : 0;
    });
}
