// The bridge as commercetools Connect runs it (docs/adr/0018): three applications from one package,
// each started by `fba-bridge connect <role>` in its folder (bridge-service, bridge-event, bridge-job),
// sharing one PostgreSQL.
// - service: the whole bridge on PORT — intake, health, metrics, the console, the work runner and the
//   SQS consumers — without its own timers: the job application drives the periodic work;
// - event: Pub/Sub push of the commercetools subscription → the intake (recorded, work enqueued), with
//   the same intake authentication as the service's /events/commercetools;
// - job: each call from Connect's scheduler runs the periodic tasks that are due (polls, sweeps,
//   inventory schedules, settlement discovery, alert evaluation: each at most once per its interval)
//   and answers when they are done.
import type { BridgeConfig } from '../../config/bridge-config.js';
import type { Logger } from '../../ports/logger.js';
import { systemClock } from '../../ports/clock.js';
import { openStore } from '../../adapters/store/open-store.js';
import { intakeHandlers } from '../../http/intake-handlers.js';
import { startBridge } from '../bridge-runtime.js';
import { startConnectAppServer } from '../../http/server/connect-app-server.js';
import { intakeAuthenticator } from '../../http/server/intake-auth.js';
import { NO_ACCESS_SETTINGS } from '../../config/access-schema.js';

export const CONNECT_ROLES = ['service', 'event', 'job'] as const;
export type ConnectRole = (typeof CONNECT_ROLES)[number];

/** The endpoints connect.yaml gives the event and job applications (Connect also posts to `/`). */
export const CONNECT_ENDPOINTS: Readonly<Record<ConnectRole, string>> = { service: '/health', event: '/bridge-event', job: '/bridge-job' };

export interface RunningRole {
  readonly port: number;
  stop(): Promise<void>;
}

export async function startConnectRole(role: ConnectRole, config: BridgeConfig, logger: Logger): Promise<RunningRole> {
  const host = config.host ?? '0.0.0.0';
  if (role === 'service') {
    const runtime = await startBridge({ config, logger, schedule: 'on-demand' });
    return { port: runtime.httpPort ?? config.port, stop: () => runtime.stop() };
  }
  if (role === 'event') {
    const store = await openStore(config.databaseUrl.reveal());
    await store.migrate();
    // The work is claimed and done by the service (same database); this application only records it.
    const intake = intakeHandlers({ store, config, workClock: systemClock, logger, wake: () => undefined });
    // Who may post: a Pub/Sub push token (PUBSUB_*) or the intake secret, as at the service's /events/commercetools.
    const auth = intakeAuthenticator(config.access ?? NO_ACCESS_SETTINGS);
    const server = await startConnectAppServer(CONNECT_ENDPOINTS.event, async (body, authorization) => {
      const refused = await auth.check('commercetools', authorization);
      if (refused !== null) {
        logger.warn('event refused', { role, reason: refused });
        return { status: 401, body: { error: `not authorised: ${refused}` } };
      }
      return intake.commercetools(body);
    }, config.port, host);
    logger.info('listening', { role, host, port: server.port });
    return { port: server.port, stop: async () => { await server.close(); await store.close(); } };
  }
  const runtime = await startBridge({ config, logger, serveHttp: false, schedule: 'on-demand' });
  const server = await startConnectAppServer(CONNECT_ENDPOINTS.job, async () => {
    const started = Date.now();
    const ran = await runtime.runDueScheduledWork();
    logger.info('scheduled work ran', { role, tasks: ran.length, durationMs: Date.now() - started });
    return { status: 200, body: { ran } };
  }, config.port, host);
  logger.info('listening', { role, host, port: server.port });
  return { port: server.port, stop: async () => { await server.close(); await runtime.stop(); } };
}
