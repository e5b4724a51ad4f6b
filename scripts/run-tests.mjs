#!/usr/bin/env node
// `npm test`: every *.test.ts under test/ and src/, run by Node's own test runner through tsx.
// No --test-force-exit: with more than one file at a time it makes a file's process exit before its
// last results reach the runner, so tests vanish from the report — passed or failed — and the run
// still exits 0 (nodejs/node#64833; seen here: `npm test -- settlement` reported 340–363 of 366
// tests). A test file that leaves a server or socket open would hang instead; the whole run is
// therefore bounded (RUN_TIMEOUT_MINUTES, default 40) and ends with an error that says so.
// Arguments narrow the run to files whose path contains any of them: `npm test -- store simulator`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  let out = [];
  let entries = [];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(find(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [...find('test'), ...find('src')]
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
const timeoutMinutes = Number(process.env.RUN_TIMEOUT_MINUTES ?? 40);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  timeout: timeoutMinutes * 60_000,
  killSignal: 'SIGKILL',
});
if (result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGKILL') {
  console.error(`npm test: the run did not end within ${timeoutMinutes} minutes and was stopped: a test file probably left a server, socket or timer open (the last file without its ✔ summary above)`);
  process.exit(1);
}
process.exit(result.status ?? 1);
