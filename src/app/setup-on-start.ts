// SETUP_ON_START: what a Connect post-deploy step would do, at start-up: create what the bridge needs
// in the commercetools project (custom type, channel), saying so.
import type { Logger } from '../ports/logger.js';
import type { ConnectionClients } from './connection-clients.js';

export async function applySetup(clients: ConnectionClients, logger: Logger, say?: (connectionId: string, message: string) => void): Promise<void> {
  const { connection } = clients;
  const setup = clients.projectSetup();
  const missing = await setup.ensureSetup(false);
  if (!missing.ok) throw new Error(`commercetools project ${connection.commercetools.projectKey}: cannot check setup: ${missing.error.message}`);
  const todo = missing.value.filter((c) => c.action !== 'exists');
  if (todo.length === 0) return;
  const tell = say ?? ((id: string, message: string) => logger.info(message, { connection: id }));
  tell(connection.id, `commercetools project ${connection.commercetools.projectKey} lacks ${todo.map((c) => `${c.resource} ${c.key}`).join(', ')}: creating them`);
  const applied = await setup.ensureSetup(true);
  if (!applied.ok) throw new Error(`commercetools project ${connection.commercetools.projectKey}: setup failed: ${applied.error.message}`);
}
