// What a commercetools Connect deployment does around the applications (connect.yaml `scripts`):
// post-deploy creates what the bridge needs in the project (the order custom type, the OrderExport
// channel) and the subscription that sends order messages to the Pub/Sub topic Connect made for the
// event application (CONNECT_GCP_PROJECT_ID, CONNECT_GCP_TOPIC_NAME); pre-undeploy removes that
// subscription (the custom type and channel stay: orders keep their FBA fields).
// Docs: https://docs.commercetools.com/connect/automation-scripts
import { fail, failure, ok, type Result } from '../../domain/shared/result.js';
import type { CommercetoolsSettings } from '../../config/bridge-config.js';
import { createCommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';
import { CommercetoolsProjectSetup } from '../../adapters/commercetools/ct-project-setup.js';
import { BRIDGE_SUBSCRIPTION_KEY, CommercetoolsSubscriptionSetup } from '../../adapters/commercetools/ct-subscription-setup.js';
import type { RawSettings } from '../../config/load-config.js';

/** Lines saying what was done, or why it could not be. */
export async function postDeploy(settings: CommercetoolsSettings, env: RawSettings): Promise<Result<string[]>> {
  const projectId = env.CONNECT_GCP_PROJECT_ID?.trim();
  const topic = env.CONNECT_GCP_TOPIC_NAME?.trim();
  if (!projectId || !topic) {
    return fail(failure('permanent', 'SetupMissing', 'CONNECT_GCP_PROJECT_ID and CONNECT_GCP_TOPIC_NAME are missing: Connect sets them for the event application\'s post-deploy script; run this step from bridge-event'));
  }
  const api = createCommercetoolsApi(settings);
  const setup = await new CommercetoolsProjectSetup(api).ensureSetup(true);
  if (!setup.ok) return setup;
  const subscription = await new CommercetoolsSubscriptionSetup(api).ensurePubSub(projectId, topic);
  if (!subscription.ok) return subscription;
  return ok([
    ...setup.value.map((c) => `${c.action === 'exists' ? 'found' : 'created'} ${c.resource} ${c.key}`),
    `${subscription.value} subscription ${BRIDGE_SUBSCRIPTION_KEY} → projects/${projectId}/topics/${topic}`,
  ]);
}

export async function preUndeploy(settings: CommercetoolsSettings): Promise<Result<string[]>> {
  const removed = await new CommercetoolsSubscriptionSetup(createCommercetoolsApi(settings)).remove();
  if (!removed.ok) return removed;
  return ok([`${removed.value} subscription ${BRIDGE_SUBSCRIPTION_KEY}`]);
}
