// What `fba-bridge start` loads: the CLI entry's static import graph, with every command module the
// entry may load (command-modules.ts loads only the one asked for, so this is a superset of what `start` runs) must never reach commercetools-mock or the
// demo tooling; those may only be loaded lazily, by the demo command, when it runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ENTRY = resolve(SRC, 'cli/main.ts');
// Its dynamic imports are the commands themselves, followed as if static.
const COMMAND_LOADER = resolve(SRC, 'cli/command-modules.ts');

// Value imports and re-exports; `import type` and `export type` vanish at run time.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\bfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Graph {
  readonly files: Set<string>;
  readonly packages: Set<string>;
  readonly lazy: Array<{ from: string; specifier: string }>;
}

function walk(entry: string): Graph {
  const graph: Graph = { files: new Set(), packages: new Set(), lazy: [] };
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(STATIC_IMPORT)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) pending.push(toSource(file, specifier));
      else graph.packages.add(packageName(specifier));
    }
    for (const match of text.matchAll(DYNAMIC_IMPORT)) {
      if (file === COMMAND_LOADER) pending.push(toSource(file, match[1]!));
      else graph.lazy.push({ from: relativeToSrc(file), specifier: match[1]! });
    }
  }
  return graph;
}

function toSource(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier.replace(/\.js$/, '.ts'));
  if (!existsSync(target)) throw new Error(`${relativeToSrc(from)} imports ${specifier}, which does not exist`);
  return target;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function relativeToSrc(file: string): string {
  return file.slice(SRC.length);
}

describe("start's module graph", () => {
  const graph = walk(ENTRY);

  it('is the real graph: it reaches the runtime, the SDK and the database drivers', () => {
    assert.ok(graph.files.has(resolve(SRC, 'app/bridge-runtime.ts')));
    assert.ok(graph.packages.has('@commercetools/platform-sdk'));
    assert.ok(graph.packages.has('better-sqlite3'));
    assert.ok(graph.packages.has('pg'));
  });

  it('never loads commercetools-mock', () => {
    assert.equal(graph.packages.has('@labdigital/commercetools-mock'), false);
  });

  it('loads no demo tooling statically (only the rehearsal\'s pure descriptions, for its options)', () => {
    const demo = [...graph.files].map(relativeToSrc).filter((file) => file.startsWith('demo/')).sort();
    assert.deepEqual(demo, ['demo/rehearsal/rehearsal-profile.ts', 'demo/rehearsal/rehearsal-targets.ts']);
  });

  it('loads the demo only lazily, from the commands that run it (demo, rehearse, simulate commercetools)', () => {
    const lazyLocal = graph.lazy.filter((entry) => entry.specifier.startsWith('.'));
    assert.ok(lazyLocal.length > 0, 'the demo command loads the demo lazily');
    for (const entry of lazyLocal) {
      assert.ok(['cli/commands/demo.ts', 'cli/commands/rehearse.ts', 'cli/commands/simulate.ts'].includes(entry.from), `${entry.from} loads ${entry.specifier} lazily`);
      assert.match(entry.specifier, /^\.\.\/\.\.\/demo\//);
    }
  });
});
