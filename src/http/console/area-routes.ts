// The console's other areas, each in its own file: Orders, Inventory, Settlements, Audit log.
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from './console-context.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerInventoryRoutes } from './inventory-routes.js';
import { registerOrderRoutes } from './orders-routes.js';
import { registerSettlementRoutes } from './settlements-routes.js';

export function registerPageRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  registerOrderRoutes(app, ctx);
  registerInventoryRoutes(app, ctx);
  registerSettlementRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
}
