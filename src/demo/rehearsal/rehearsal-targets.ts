// `--target name=value`: what a team promises itself, checked against a rehearsal's measured figures.
// Every target is an upper limit ("at most"); a figure that could not be measured misses its target,
// so a rehearsal that measured nothing never passes CI by accident.

export const TARGET_NAMES = [
  'p95-order-seconds', 'order-bound-ratio', 'priority-standard-ratio', 'p95-tracking-seconds',
  'p95-stock-seconds', 'p95-stock-polling-seconds', 'oversold-units', 'cpu-ms-per-order', 'sp-api-429s',
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface Target {
  readonly name: TargetName;
  readonly atMost: number;
}

export interface TargetCheck extends Target {
  readonly measured: number | null;
  readonly met: boolean;
}

export function parseTarget(raw: string): Target {
  const m = /^([a-z0-9-]+)=(.+)$/.exec(raw.trim());
  if (!m) throw new Error(`--target must look like name=value (e.g. p95-order-seconds=60), got "${raw}"`);
  const name = m[1]!;
  if (!(TARGET_NAMES as readonly string[]).includes(name)) throw new Error(`unknown target "${name}"; known: ${TARGET_NAMES.join(', ')}`);
  const atMost = Number(m[2]);
  if (!Number.isFinite(atMost) || m[2]!.trim() === '') throw new Error(`target ${name}: expected a number, got "${m[2]}"`);
  return { name: name as TargetName, atMost };
}

export function checkTargets(targets: readonly Target[], measured: Readonly<Record<TargetName, number | null>>): TargetCheck[] {
  return targets.map((t) => {
    const value = measured[t.name];
    return { ...t, measured: value, met: value !== null && value <= t.atMost };
  });
}
