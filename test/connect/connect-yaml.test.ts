// connect.yaml against commercetools Connect's documented structure: a JSON schema written from the
// Connect docs (connect.yaml of "Convert an existing integration", "Add automation scripts", job
// schedules, inheritAs.apiClient) checked with ajv; then what the bridge needs of it: every application
// folder exists with the package.json scripts/connect-build.mjs writes, every setting is one the bridge
// knows, every setting it requires is configured in each application, secrets are secured, and the job
// application's heap is bounded.
// Docs: https://docs.commercetools.com/connect/convert-existing-integration,
// https://docs.commercetools.com/connect/automation-scripts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { connectionSettingsSchema, deploymentSettingsSchema } from '../../src/config/settings-schema.js';
import { accessSettingsSchema } from '../../src/config/access-schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const configurationItem = {
  type: 'object',
  required: ['key', 'description'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    description: { type: 'string', minLength: 1 },
    required: { type: 'boolean' },
    default: { type: 'string' },
  },
};

/** connect.yaml as the Connect documentation describes it. */
const CONNECT_YAML_SCHEMA = {
  type: 'object',
  required: ['deployAs'],
  additionalProperties: false,
  properties: {
    deployAs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'applicationType'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
          applicationType: { enum: ['service', 'event', 'job', 'merchant-center-custom-application', 'merchant-center-custom-view', 'assets'] },
          endpoint: { type: 'string', pattern: '^/' },
          properties: { type: 'object', additionalProperties: false, properties: { schedule: { type: 'string' } } },
          scripts: { type: 'object', additionalProperties: false, properties: { postDeploy: { type: 'string' }, preUndeploy: { type: 'string' } } },
          configuration: {
            type: 'object',
            additionalProperties: false,
            properties: { standardConfiguration: { type: 'array', items: configurationItem }, securedConfiguration: { type: 'array', items: configurationItem } },
          },
        },
        allOf: [
          // service, event and job applications are reached at their endpoint.
          { if: { properties: { applicationType: { enum: ['service', 'event', 'job'] } } }, then: { required: ['endpoint'] } },
          // A job runs on the cron schedule under properties.
          { if: { properties: { applicationType: { const: 'job' } } }, then: { required: ['properties'], properties: { properties: { required: ['schedule'] } } } },
        ],
      },
    },
    inheritAs: {
      type: 'object',
      additionalProperties: false,
      properties: { apiClient: { type: 'object', required: ['scopes'], properties: { scopes: { type: 'array', items: { type: 'string' } } } } },
    },
  },
};

interface ConfigItem { key: string; description: string; required?: boolean }
interface App {
  name: string;
  applicationType: string;
  endpoint?: string;
  properties?: { schedule?: string };
  scripts?: { postDeploy?: string; preUndeploy?: string };
  configuration: { standardConfiguration?: ConfigItem[]; securedConfiguration?: ConfigItem[] };
}

const descriptor = yaml.load(readFileSync(`${ROOT}connect.yaml`, 'utf8')) as { deployAs: App[] };
const KNOWN = new Set([
  ...Object.keys(connectionSettingsSchema.shape), ...Object.keys(deploymentSettingsSchema.shape), ...Object.keys(accessSettingsSchema.shape),
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
]);
const REQUIRED = ['CTP_PROJECT_KEY', 'CTP_CLIENT_ID', 'CTP_CLIENT_SECRET', 'LWA_CLIENT_ID', 'LWA_CLIENT_SECRET', 'LWA_REFRESH_TOKEN', 'SPAPI_MARKETPLACE_ID', 'SPAPI_REGION', 'DATABASE_URL'];
const SECRET = /SECRET|TOKEN|PASSWORD|^DATABASE_URL$|^SMTP_URL$|_WEBHOOK_URL$|^AWS_ACCESS_KEY_ID$|^CTP_CLIENT_ID$/;

test('connect.yaml has the structure Connect documents', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(CONNECT_YAML_SCHEMA);
  assert.ok(validate(descriptor), JSON.stringify(validate.errors, null, 2));
  const names = descriptor.deployAs.map((a) => a.name);
  assert.equal(new Set(names).size, names.length, 'application names are unique');
  assert.deepEqual(descriptor.deployAs.map((a) => a.applicationType).sort(), ['event', 'job', 'service'], 'a service, an event and a job application (ADR 0018)');
  const job = descriptor.deployAs.find((a) => a.applicationType === 'job')!;
  assert.match(job.properties!.schedule!, /^(\S+\s+){4}\S+$/, 'the job schedule is a five-field cron expression');
});

test('the schema refuses what Connect would refuse', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(CONNECT_YAML_SCHEMA);
  const job = { name: 'job', applicationType: 'job', endpoint: '/job', configuration: {} };
  assert.equal(validate({ deployAs: [job] }), false, 'a job without a schedule');
  assert.equal(validate({ deployAs: [{ name: 'svc', applicationType: 'service' }] }), false, 'a service without an endpoint');
  assert.equal(validate({ deployAs: [{ name: 'svc', applicationType: 'service', endpoint: '/x', configuration: { standardConfiguration: [{ key: 'A' }] } }] }), false, 'a setting without a description');
  assert.equal(validate({ deployAs: [{ name: 'svc', applicationType: 'worker', endpoint: '/x' }] }), false, 'an unknown application type');
});

test('every application: its folder, its settings, its secrets secured', () => {
  for (const app of descriptor.deployAs) {
    assert.ok(existsSync(`${ROOT}${app.name}/package.json`), `${app.name}/package.json exists`);
    const standard = app.configuration.standardConfiguration ?? [];
    const secured = app.configuration.securedConfiguration ?? [];
    const keys = [...standard, ...secured].map((c) => c.key);
    assert.equal(new Set(keys).size, keys.length, `${app.name}: no setting twice`);
    for (const key of keys) assert.ok(KNOWN.has(key), `${app.name}: ${key} is a setting the bridge reads`);
    for (const key of REQUIRED) {
      const item = [...standard, ...secured].find((c) => c.key === key);
      assert.ok(item?.required, `${app.name}: ${key} is configured and required`);
    }
    for (const c of standard) assert.doesNotMatch(c.key, SECRET, `${app.name}: ${c.key} belongs in securedConfiguration`);
  }
});

test('the folders\' package.json files are what scripts/connect-build.mjs writes; the job\'s heap is bounded', () => {
  execFileSync(process.execPath, [`${ROOT}scripts/connect-build.mjs`, '--check'], { cwd: ROOT });
  for (const app of descriptor.deployAs) {
    const pkg = JSON.parse(readFileSync(`${ROOT}${app.name}/package.json`, 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.start!, new RegExp(`fba-bridge connect ${app.applicationType}$`));
    if (app.applicationType === 'job') assert.match(pkg.scripts.start!, /^NODE_OPTIONS=--max-old-space-size=\d+ /);
    for (const [step, script] of [['postDeploy', 'connector:post-deploy'], ['preUndeploy', 'connector:pre-undeploy']] as const) {
      if (app.scripts?.[step]) assert.ok(pkg.scripts[script] && app.scripts[step]!.includes(`npm run ${script}`), `${app.name}: ${step} runs ${script}`);
    }
  }
});
