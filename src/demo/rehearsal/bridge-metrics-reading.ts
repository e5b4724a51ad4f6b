// The bridge's own counters, read from its Prometheus endpoint (GET /metrics) at the end of a run.

export interface BridgeMetricsReading {
  readonly spApiCalls: number;
  readonly throttled: number;
  /** Exceptions raised during the run, by type; raising one that is still open again counts again. */
  readonly exceptionsByType: Record<string, number>;
  /** Exceptions still open when the run ended (what people are left with), by type. */
  readonly openExceptionsByType: Record<string, number>;
  readonly alerts: number;
}

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** Samples of a Prometheus text exposition (comments skipped). */
export function parsePrometheusText(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[4]) });
  }
  return out;
}

export function metricsReadingOf(text: string): BridgeMetricsReading {
  const samples = parsePrometheusText(text);
  const sum = (name: string, where: (s: Sample) => boolean = () => true) =>
    samples.filter((s) => s.name === name && where(s)).reduce((n, s) => n + s.value, 0);
  const exceptionsByType: Record<string, number> = {};
  for (const s of samples.filter((x) => x.name === 'fba_bridge_exceptions_raised_total')) {
    const type = s.labels.type ?? 'unknown';
    exceptionsByType[type] = (exceptionsByType[type] ?? 0) + s.value;
  }
  const openExceptionsByType: Record<string, number> = {};
  for (const s of samples.filter((x) => x.name === 'fba_bridge_open_exceptions' && x.value > 0)) {
    const type = s.labels.type ?? 'unknown';
    openExceptionsByType[type] = (openExceptionsByType[type] ?? 0) + s.value;
  }
  return {
    spApiCalls: sum('fba_bridge_sp_api_calls_total'),
    throttled: sum('fba_bridge_throttled_total'),
    exceptionsByType,
    openExceptionsByType,
    alerts: sum('fba_bridge_alerts_total', (s) => s.labels.event === 'raised'),
  };
}

/** The bridge's CPU so far in ms (user + system, prom-client's process_cpu_seconds_total); null when not served. */
export function cpuMsOf(text: string): number | null {
  const cpu = parsePrometheusText(text).find((s) => s.name === 'process_cpu_seconds_total');
  return cpu && Number.isFinite(cpu.value) ? cpu.value * 1000 : null;
}

/** For a bridge whose process id is not known (--bridge-url without --bridge-pid): its CPU from GET /metrics. */
export async function readBridgeCpuMs(bridgeUrl: string, metricsToken: string): Promise<number | null> {
  const text = await metricsText(bridgeUrl, metricsToken);
  return text === null ? null : cpuMsOf(text);
}

export async function readBridgeMetrics(bridgeUrl: string, metricsToken: string): Promise<BridgeMetricsReading | null> {
  const text = await metricsText(bridgeUrl, metricsToken);
  return text === null ? null : metricsReadingOf(text);
}

/** GET /metrics with the run's METRICS_TOKEN; null when the bridge does not answer or refuses. */
async function metricsText(bridgeUrl: string, metricsToken: string): Promise<string | null> {
  try {
    const res = await fetch(`${bridgeUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` }, signal: AbortSignal.timeout(10_000) });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}
