// Every few minutes the serving process records each flow's backlog and lag, so the console's
// Overview can chart the last 24 hours (the same evaluation as /health); samples older than two days are of no use to it.
import type { ScheduledTask } from '../engine/scheduler.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { sampleFlows } from '../reports/console-overview.js';
import type { EvaluationSources } from '../reports/bridge-evaluation.js';

export const FLOW_SAMPLE_EVERY_MS = 5 * 60_000;

export function flowSamplerTask(sources: EvaluationSources, clock: Clock, logger: Logger): ScheduledTask {
  return {
    name: 'console-flow-samples',
    intervalMs: FLOW_SAMPLE_EVERY_MS,
    run: async () => {
      try {
        await sources.store.console.recordFlowSamples(await sampleFlows(sources, clock.now().getTime()));
      } catch (error) {
        logger.warn('could not record flow samples for the console', { error });
      }
    },
  };
}
