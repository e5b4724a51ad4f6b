// The alert fault rehearsal end to end (issue 10): `fba-bridge start` as a real process against the
// simulator and commercetools-mock, a webhook receiver and an SMTP server on loopback. A clean period of
// traffic raises nothing; each injected fault raises exactly one alert of its rule to its team (global
// webhook signed, the team's webhook and e-mail) within one evaluation interval after its threshold,
// and one `resolved` once it clears. bench:alerts runs the same with a longer clean period.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runAlertRehearsal } from '../support/alerts/alert-rehearsal.js';

it('each fault raises one alert to its team in time and resolves; clean traffic raises none', { timeout: 10 * 60_000 }, async () => {
  const lines: string[] = [];
  const report = await runAlertRehearsal({ evaluationSeconds: 1, cleanSeconds: 10, timeScale: 600, log: (l) => lines.push(l) });
  const context = `\n${lines.filter((l) => !l.startsWith('bridge:')).join('\n')}`;
  assert.equal(report.faults.length, 10, 'one fault per alert rule');
  for (const f of report.faults) {
    assert.ok(f.detected, `${f.rule} was not detected${context}`);
    assert.ok(f.withinBudget, `${f.rule} took ${f.secondsToDetect} s (threshold ${f.thresholdSeconds} s + one interval)${context}`);
    assert.equal(f.raisedForRule, 1, `${f.rule} raised ${f.raisedForRule} times`);
    assert.ok(f.resolved, `${f.rule} never resolved${context}`);
    assert.ok(f.routedToTeam, `${f.rule} did not reach only the ${f.team} team's webhook`);
    assert.ok(f.emailed, `${f.rule} was not e-mailed to ${f.team}`);
  }
  assert.deepEqual(report.falseAlerts.filter((a) => a.startsWith('clean period')), [], 'the clean period raised alerts');
  assert.deepEqual(report.falseAlerts, [], 'alerts of other rules, or a second raise, while a fault was on');
  assert.equal(report.unsignedNotices, 0);
  console.log(`# ${report.faults.length} faults, ${report.faults.filter((f) => f.detected).length} detected; false alerts: ${report.falseAlerts.length} (${report.falseAlerts.join('; ') || 'none'})`);
});
