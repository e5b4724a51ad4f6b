// GET / (the Overview page) and GET /api/overview (the same data as JSON).
import type { FastifyInstance } from 'fastify';
import { consoleOverview } from '../../reports/console-overview.js';
import type { ConsoleContext } from './console-context.js';
import { overviewPage } from './pages/overview-page.js';
import { flashFrom } from './pages/layout.js';

export function registerOverviewRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const gather = () => consoleOverview(ctx.store, ctx.clock.now().getTime(), ctx.config.inventory);
  app.get('/api/overview', async () => ({ connections: await gather() }));
  app.get('/', async (request, reply) => reply.type('text/html; charset=utf-8').send(
    overviewPage({ principal: request.principal, csrf: reply.generateCsrf(), flash: flashFrom(request.query as Record<string, unknown>) }, await gather(), ctx.clock.now().getTime())));
}
