// The inventory sync's schedule in `start`: incremental syncs every `incrementalMinutes` (the first one
// runs in full, as no scan exists yet), and a full sync once a day in the configured UTC hour.
import type { ScheduledTask } from '../../engine/scheduler.js';
import type { Clock } from '../../ports/clock.js';
import type { InventorySchedule } from '../../config/inventory-schema.js';
import type { InventorySyncRunner } from './inventory-sync-runner.js';

const HOUR_MS = 3600_000;

export function inventoryTasks(connectionId: string, runner: InventorySyncRunner, schedule: InventorySchedule, clock: Clock): ScheduledTask[] {
  return [
    {
      name: `${connectionId}:inventory-incremental`,
      intervalMs: schedule.incrementalMinutes * 60_000,
      run: async (signal) => { await runner.run({ kind: 'incremental' }, { signal }); },
    },
    {
      // Checked every 10 minutes: the first check in the configured hour whose pools lack a full scan
      // from the last 20 hours runs one.
      name: `${connectionId}:inventory-full`,
      intervalMs: 10 * 60_000,
      initialDelayMs: 60_000,
      run: async (signal) => {
        const now = clock.now();
        if (now.getUTCHours() !== schedule.fullSyncHourUtc) return;
        for (const pool of runner.pools) {
          const state = await runner.deps.store.inventory.poolSync(runner.deps.connectionId, pool.id);
          if (state?.lastFullScanAt != null && now.getTime() - state.lastFullScanAt < 20 * HOUR_MS) continue;
          await runner.run({ kind: 'full' }, { poolId: pool.id, signal });
        }
      },
    },
  ];
}
