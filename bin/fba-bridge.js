#!/usr/bin/env node
// The installed command. `npm install` compiles src/ to dist/ (the `prepare` script); when dist/ is
// missing (a checkout that skipped scripts) it says how to build instead of failing obscurely.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('fba-bridge is not built yet: run `npm run build` (or `npm install`) in the project folder.');
  process.exit(2);
}
await import(main);
