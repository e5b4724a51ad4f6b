#!/usr/bin/env node
// Writes the package.json of each commercetools Connect application folder named in connect.yaml
// (bridge-service, bridge-event, bridge-job) from one description, so the three cannot drift: each
// depends on this package at this repository's version and starts its role with `fba-bridge connect`.
// Connect installs each folder with npm, builds it (`gcp-build`: nothing to build, the package comes
// built) and runs `npm start` with PORT and the configured settings in the environment.
//   node scripts/connect-build.mjs           write the folders' package.json files
//   node scripts/connect-build.mjs --check   exit 1 naming any folder whose package.json is out of date
//   node scripts/connect-build.mjs --pack    also pack this checkout into each folder (fba-bridge-<version>.tgz)
//                                            and depend on that file: for deploying an unreleased version
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const descriptor = yaml.load(readFileSync(join(root, 'connect.yaml'), 'utf8'));

/** What each application type runs. The job's heap is bounded: Connect gives job instances little memory. */
const ROLES = {
  service: { role: 'service', nodeOptions: '' },
  event: { role: 'event', nodeOptions: '' },
  job: { role: 'job', nodeOptions: '--max-old-space-size=512' },
};

export function applicationPackage(app, dependency) {
  const spec = ROLES[app.applicationType];
  if (!spec) throw new Error(`${app.name}: applicationType ${app.applicationType} is not one the bridge provides (${Object.keys(ROLES).join(', ')})`);
  const start = `${spec.nodeOptions ? `NODE_OPTIONS=${spec.nodeOptions} ` : ''}fba-bridge connect ${spec.role}`;
  const scripts = { 'gcp-build': '', start };
  if (app.scripts?.postDeploy) scripts['connector:post-deploy'] = 'fba-bridge connect post-deploy';
  if (app.scripts?.preUndeploy) scripts['connector:pre-undeploy'] = 'fba-bridge connect pre-undeploy';
  return {
    name: `${pkg.name}-connect-${spec.role}`,
    version: pkg.version,
    private: true,
    description: `${pkg.name} as the commercetools Connect ${app.applicationType} application (written by scripts/connect-build.mjs)`,
    license: pkg.license,
    type: 'module',
    engines: pkg.engines,
    scripts,
    dependencies: { [pkg.name]: dependency },
  };
}

function main(args) {
  const check = args.includes('--check');
  const pack = args.includes('--pack');
  let tarball;
  if (pack) {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', root], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
    tarball = join(root, out);
  }
  const stale = [];
  for (const app of descriptor.deployAs) {
    const folder = join(root, app.name);
    const file = join(folder, 'package.json');
    let dependency = pkg.version;
    if (tarball) {
      copyFileSync(tarball, join(folder, `${pkg.name}-${pkg.version}.tgz`));
      dependency = `file:./${pkg.name}-${pkg.version}.tgz`;
    }
    const text = `${JSON.stringify(applicationPackage(app, dependency), null, 2)}\n`;
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(app.name);
      continue;
    }
    mkdirSync(folder, { recursive: true });
    writeFileSync(file, text);
    process.stdout.write(`wrote ${app.name}/package.json (${app.applicationType}: ${applicationPackage(app, dependency).scripts.start})\n`);
  }
  if (tarball) rmSync(tarball);
  if (stale.length > 0) {
    process.stderr.write(`out of date: ${stale.map((n) => `${n}/package.json`).join(', ')} — run \`node scripts/connect-build.mjs\`\n`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
