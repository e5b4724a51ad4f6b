// How the running bridge's dependencies answer, for commands in another process (`status`): read off
// its GET /health (the `dependencies` list its circuits keep). The circuits live in the serving process;
// the database holds only their effects, so without this `status` could say ok while SP-API refuses
// the credentials and work waits.
import type { DependencyStatusEntry, DependencyStatusSource } from '../ports/dependency-status.js';
import type { DependencyFailureKind, DependencyName } from '../ports/dependency-health.js';

export type RunningBridgeDependencies =
  | { readonly answered: true; readonly url: string; readonly source: DependencyStatusSource }
  | { readonly answered: false; readonly url: string; readonly why: string };

interface HealthDependency {
  readonly dependency?: unknown;
  readonly connection?: unknown;
  readonly state?: unknown;
  readonly since?: unknown;
  readonly lastFailure?: { readonly kind?: unknown; readonly message?: unknown };
}

const STATES = new Set(['closed', 'open', 'half-open']);

export async function runningBridgeDependencies(baseUrl: string, timeoutMs = 2000): Promise<RunningBridgeDependencies> {
  const url = `${baseUrl.replace(/\/$/, '')}/health`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.json() as { dependencies?: unknown };
    if (!Array.isArray(body.dependencies)) return { answered: false, url, why: `${url} answered HTTP ${response.status} without a dependencies list (is it an fba-bridge?)` };
    const entries = (body.dependencies as HealthDependency[]).flatMap(toEntry);
    return { answered: true, url, source: { list: () => entries } };
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? `${url} did not answer within ${timeoutMs} ms` : `no bridge answered at ${url}`;
    return { answered: false, url, why };
  }
}

function toEntry(d: HealthDependency): DependencyStatusEntry[] {
  if (typeof d.dependency !== 'string' || typeof d.state !== 'string' || !STATES.has(d.state)) return [];
  const since = typeof d.since === 'string' ? Date.parse(d.since) : NaN;
  return [{
    dependency: d.dependency as DependencyName,
    connectionId: typeof d.connection === 'string' ? d.connection : null,
    state: d.state as DependencyStatusEntry['state'],
    since: Number.isFinite(since) ? since : Date.now(),
    category: typeof d.lastFailure?.kind === 'string' ? d.lastFailure.kind as DependencyFailureKind : null,
    detail: typeof d.lastFailure?.message === 'string' ? d.lastFailure.message : null,
  }];
}
