// `fba-bridge connect <role>`: what each commercetools Connect application's `npm start` runs in its
// folder (bridge-service, bridge-event, bridge-job), and the deployment's scripts
// (`connect post-deploy`, `connect pre-undeploy`). See docs/adr/0018 and docs/deployment.md.
import { InvalidArgumentError, type Command } from 'commander';
import { PinoLogger } from '../../adapters/logging/pino-logger.js';
import { processEnvironment } from '../../config/environment.js';
import { loadCommercetoolsConfig } from '../../config/load-config.js';
import { CONNECT_ROLES, startConnectRole, type ConnectRole } from '../../app/connect/connect-roles.js';
import { postDeploy, preUndeploy } from '../../app/connect/connect-lifecycle.js';
import { exitWithProblems, requireConfig } from '../cli-support.js';

const STEPS = ['post-deploy', 'pre-undeploy'] as const;
type Step = (typeof STEPS)[number];

function roleOrStep(raw: string): ConnectRole | Step {
  if ((CONNECT_ROLES as readonly string[]).includes(raw) || (STEPS as readonly string[]).includes(raw)) return raw as ConnectRole | Step;
  throw new InvalidArgumentError(`expected one of ${[...CONNECT_ROLES, ...STEPS].join(', ')}`);
}

export function registerConnectCommand(program: Command): void {
  program.command('connect')
    .description('run as a commercetools Connect application: service | event | job, or a deployment step: post-deploy | pre-undeploy')
    .argument('<role>', `${[...CONNECT_ROLES, ...STEPS].join(' | ')}`, roleOrStep)
    .action(async (role: ConnectRole | Step) => {
      if (role === 'post-deploy' || role === 'pre-undeploy') return runStep(role);
      const config = requireConfig();
      const logger = new PinoLogger({ level: config.logLevel });
      const running = await startConnectRole(role, config, logger);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(130);
        stopping = true;
        logger.info('shutting down', { role, signal });
        running.stop().then(() => process.exit(0), (error: unknown) => {
          logger.error('shutdown failed', { role, error });
          process.exit(1);
        });
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}

async function runStep(step: Step): Promise<void> {
  const env = processEnvironment();
  const settings = loadCommercetoolsConfig(env);
  if (!settings.ok) exitWithProblems(`connect ${step} needs the commercetools settings`, settings.error);
  const result = step === 'post-deploy' ? await postDeploy(settings.value, env) : await preUndeploy(settings.value);
  if (!result.ok) exitWithProblems(`connect ${step} failed (commercetools project ${settings.value.projectKey})`, [result.error.message]);
  for (const line of result.value) process.stdout.write(`${line}\n`);
}
