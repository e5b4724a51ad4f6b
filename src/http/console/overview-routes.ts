// GET / (the Overview page) and GET /api/overview (the same data as JSON). The Overview counts over
// every order and work item (the same status the /health evaluation reads), so one gathering serves
// every viewer for a few seconds: a room of people refreshing does not multiply the database's work.
import type { FastifyInstance } from 'fastify';
import { consoleOverview, type ConnectionOverview } from '../../reports/console-overview.js';
import { evaluationSettingsOf } from '../../reports/bridge-evaluation.js';
import { NO_DEPENDENCY_STATUS } from '../../ports/dependency-status.js';
import type { ConsoleContext } from './console-context.js';
import { overviewPage } from './pages/overview-page.js';
import { flashFrom } from './pages/layout.js';

export const OVERVIEW_FRESH_MS = 5_000;

export function registerOverviewRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  let cached: { at: number; value: Promise<ConnectionOverview[]> } | null = null;
  // The same sources and thresholds as GET /health, so the two never disagree.
  const sources = { store: ctx.store, dependencies: ctx.dependencies ?? NO_DEPENDENCY_STATUS, inventory: ctx.config.inventory, settings: evaluationSettingsOf(ctx.config) };
  const gather = () => {
    const at = ctx.workClock.now().getTime();
    if (!cached || at - cached.at >= OVERVIEW_FRESH_MS) {
      const value = consoleOverview(sources, ctx.clock.now().getTime());
      cached = { at, value };
      value.catch(() => { cached = null; });
    }
    return cached.value;
  };
  app.get('/api/overview', async () => ({ connections: await gather() }));
  app.get('/', async (request, reply) => reply.type('text/html; charset=utf-8').send(
    overviewPage({ principal: request.principal, csrf: reply.generateCsrf(), flash: flashFrom(request.query as Record<string, unknown>) }, await gather(), ctx.clock.now().getTime())));
}
