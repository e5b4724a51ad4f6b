// bench:alerts — the alert fault rehearsal (test/support/alerts/alert-rehearsal.ts) with a longer clean
// period, printed as a table: each fault injected, whether it was detected, how fast, whether it
// reached its team and resolved, and every false alert. Target: all detected, 0 false.
import { runAlertRehearsal } from '../../test/support/alerts/alert-rehearsal.js';

const cleanSeconds = Number(process.env.BENCH_CLEAN_SECONDS ?? 60);
const report = await runAlertRehearsal({ evaluationSeconds: 1, cleanSeconds, timeScale: 600, log: (l) => console.error(l) });
const rows = report.faults.map((f) => [
  f.rule, f.team, `${f.thresholdSeconds}`, f.detected ? 'yes' : 'NO', f.secondsToDetect === null ? '-' : f.secondsToDetect.toFixed(1),
  f.withinBudget ? 'yes' : 'NO', String(f.raisedForRule), f.resolved ? 'yes' : 'NO', f.routedToTeam && f.emailed ? 'yes' : 'NO', String(f.otherAlerts.length),
]);
const head = ['fault (rule)', 'team', 'threshold s', 'detected', 'seconds to detect', 'within budget', 'raised', 'resolved', 'team webhook+mail', 'false'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
const detected = report.faults.filter((f) => f.detected).length;
console.log(`\nfaults injected: ${report.faults.length}, detected: ${detected}, false alerts: ${report.falseAlerts.length}` +
  ` (clean period: ${report.cleanSeconds} s real = ${report.cleanSimulatedHours.toFixed(1)} h simulated, ${report.cleanOrders} orders)`);
console.log(`webhook notices: ${report.notices}, unsigned or badly signed: ${report.unsignedNotices}`);
for (const f of report.falseAlerts) console.log(`  false alert: ${f}`);
