// `fba-bridge start`: runs the bridge against the configured commercetools project(s) and Amazon
// seller account(s) until SIGTERM/SIGINT, then finishes the work in progress and exits.
import type { Command } from 'commander';
import { startBridge } from '../../app/bridge-runtime.js';
import { PinoLogger } from '../../adapters/logging/pino-logger.js';
import { requireConfig } from '../cli-support.js';

export function registerStartCommand(program: Command): void {
  program.command('start')
    .description('run the bridge (configured by environment variables and an optional --config file)')
    .option('--config <file>', 'JSON config file with the same keys as the environment (environment wins)')
    .action(async (opts: { config?: string }) => {
      const config = requireConfig(opts.config);
      const logger = new PinoLogger({ level: config.logLevel });
      const runtime = await startBridge({ config, logger });
      let signals = 0;
      const stop = (signal: string) => {
        signals++;
        if (signals > 1) {
          logger.warn('second signal: exiting now', { signal });
          process.exit(130);
        }
        logger.info('shutting down', { signal });
        runtime.stop().then(() => process.exit(0), (err: unknown) => {
          logger.error('shutdown failed', { error: err });
          process.exit(1);
        });
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
