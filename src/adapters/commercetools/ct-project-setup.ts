// Makes sure a merchant's commercetools project has what the bridge writes to: the order custom type
// and the OrderExport channel. Idempotent: it only ever adds (types, fields, a role), never changes or
// removes what a merchant already has, so running it against a live project is safe. apply=false is a
// dry run listing what would be created.
import type { Channel, FieldDefinition, Type, TypeUpdateAction } from '@commercetools/platform-sdk';
import type { CommercetoolsSetupPort, SetupChange } from '../../ports/commercetools-orders.js';
import { fail, ok, type Result } from '../../domain/shared/result.js';
import type { CommercetoolsApi } from './ct-api-client.js';
import { read, send } from './ct-errors.js';
import { FBA_EXPORT_CHANNEL_KEY, FBA_ORDER_FIELD_DEFINITIONS, FBA_ORDER_TYPE_KEY } from './ct-bridge-resources.js';

export class CommercetoolsProjectSetup implements CommercetoolsSetupPort {
  constructor(private readonly api: CommercetoolsApi) {}

  async ensureSetup(apply: boolean): Promise<Result<SetupChange[]>> {
    const type = await this.ensureOrderType(apply);
    if (!type.ok) return type;
    const channel = await this.ensureExportChannel(apply);
    if (!channel.ok) return channel;
    return ok([...type.value, ...channel.value]);
  }

  private async ensureOrderType(apply: boolean): Promise<Result<SetupChange[]>> {
    const found = await read(() => this.api.types().withKey({ key: FBA_ORDER_TYPE_KEY }).get().execute());
    if (!found.ok) return found;
    const type = found.value;
    if (!type) {
      const fieldNames = FBA_ORDER_FIELD_DEFINITIONS.map((f) => f.name).join(', ');
      const change: SetupChange = {
        resource: 'type',
        key: FBA_ORDER_TYPE_KEY,
        action: 'create',
        description: `order custom type with String fields ${fieldNames}`,
      };
      if (apply) {
        const created = await send(() =>
          this.api
            .types()
            .post({
              body: {
                key: FBA_ORDER_TYPE_KEY,
                name: { en: 'fba-bridge order' },
                description: { en: 'Fields the commercetools ⇄ Amazon FBA bridge reads and writes' },
                resourceTypeIds: ['order'],
                fieldDefinitions: [...FBA_ORDER_FIELD_DEFINITIONS],
              },
            })
            .execute(),
        );
        if (!created.ok) return created;
      }
      return ok([change]);
    }
    return this.addMissingFields(type, apply);
  }

  private async addMissingFields(type: Type, apply: boolean): Promise<Result<SetupChange[]>> {
    const changes: SetupChange[] = [
      { resource: 'type', key: FBA_ORDER_TYPE_KEY, action: 'exists', description: 'order custom type' },
    ];
    const missing: FieldDefinition[] = [];
    for (const wanted of FBA_ORDER_FIELD_DEFINITIONS) {
      const key = `${FBA_ORDER_TYPE_KEY}.${wanted.name}`;
      const existing = type.fieldDefinitions.find((f) => f.name === wanted.name);
      if (!existing) {
        missing.push(wanted);
        changes.push({ resource: 'field', key, action: 'add-field', description: `String field ${wanted.name}` });
      } else {
        // A merchant's own definition (e.g. fulfillmentChannel as an Enum) is left alone: enum values
        // read back as their key, which is all the bridge needs.
        const note = existing.type.name === 'String' ? '' : ` (type ${existing.type.name}; the bridge reads it as text)`;
        changes.push({ resource: 'field', key, action: 'exists', description: `field ${wanted.name}${note}` });
      }
    }
    if (apply && missing.length > 0) {
      const actions: TypeUpdateAction[] = missing.map((fieldDefinition) => ({ action: 'addFieldDefinition', fieldDefinition }));
      const updated = await send(() =>
        this.api.types().withId({ ID: type.id }).post({ body: { version: type.version, actions } }).execute(),
      );
      if (!updated.ok) return updated;
    }
    return ok(changes);
  }

  private async ensureExportChannel(apply: boolean): Promise<Result<SetupChange[]>> {
    const found = await read(() => this.api.channels().withKey({ key: FBA_EXPORT_CHANNEL_KEY }).get().execute());
    if (!found.ok) return found;
    const channel = found.value;
    if (channel) return this.ensureExportRole(channel, apply);
    const change: SetupChange = {
      resource: 'channel',
      key: FBA_EXPORT_CHANNEL_KEY,
      action: 'create',
      description: 'channel with role OrderExport (orders record "exported to FBA as <id>" in syncInfo)',
    };
    if (apply) {
      const created = await send(() =>
        this.api
          .channels()
          .post({ body: { key: FBA_EXPORT_CHANNEL_KEY, roles: ['OrderExport'], name: { en: 'Amazon FBA (fba-bridge)' } } })
          .execute(),
      );
      if (!created.ok) return created;
    }
    return ok([change]);
  }

  // The port's SetupChange has no 'add-role' action; a channel that exists without the role is reported
  // as 'exists' with the repair spelled out in its description.
  private async ensureExportRole(channel: Channel, apply: boolean): Promise<Result<SetupChange[]>> {
    if (channel.roles.includes('OrderExport')) {
      return ok([{ resource: 'channel', key: FBA_EXPORT_CHANNEL_KEY, action: 'exists', description: 'channel with role OrderExport' }]);
    }
    if (!apply) {
      return ok([
        { resource: 'channel', key: FBA_EXPORT_CHANNEL_KEY, action: 'exists', description: 'channel lacks role OrderExport: apply adds it' },
      ]);
    }
    const updated = await send(() =>
      this.api
        .channels()
        .withId({ ID: channel.id })
        .post({ body: { version: channel.version, actions: [{ action: 'addRoles', roles: ['OrderExport'] }] } })
        .execute(),
    );
    if (!updated.ok) return fail(updated.error);
    return ok([{ resource: 'channel', key: FBA_EXPORT_CHANNEL_KEY, action: 'exists', description: 'role OrderExport added to channel' }]);
  }
}
