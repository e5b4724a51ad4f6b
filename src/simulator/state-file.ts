// Optional persistence: a JSON snapshot of the simulated Amazon, read at start when the file exists
// and written at graceful shutdown, so a long rehearsal can be stopped and resumed.
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { StateSnapshot } from './state/simulator-state.js';

export async function loadSnapshot(path: string): Promise<StateSnapshot | undefined> {
  if (!existsSync(path)) return undefined;
  const snapshot = JSON.parse(await readFile(path, 'utf8')) as StateSnapshot;
  if (snapshot.version !== 1 || !Array.isArray(snapshot.orders) || !Array.isArray(snapshot.inventory)) {
    throw new Error(`${path} is not a simulator state snapshot (version 1)`);
  }
  return snapshot;
}

export async function saveSnapshot(path: string, snapshot: StateSnapshot): Promise<void> {
  // Write then rename, so an interrupted shutdown never leaves half a file behind.
  const temporary = `${path}.tmp`;
  await writeFile(temporary, JSON.stringify(snapshot), 'utf8');
  await rename(temporary, path);
}
