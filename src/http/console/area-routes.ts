// The console's other areas, each in its own file: Orders, Inventory, Settlements, Audit log.
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from './console-context.js';
import { registerAuditRoutes } from './audit-routes.js';

export function registerPageRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  registerAuditRoutes(app, ctx);
}
