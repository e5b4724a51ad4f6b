// Draws the Overview's 24 h charts with uPlot (served from the package) from the JSON each section carries.
/* global document, uPlot */
(function () {
  'use strict';
  // The flows GET /health names (the samples carry the same evaluation).
  var FLOWS = ['ordersOut', 'trackingBack', 'inventory', 'settlements'];
  var LABELS = { ordersOut: 'orders to Amazon', trackingBack: 'tracking back', inventory: 'inventory', settlements: 'settlements' };
  var COLOURS = { ordersOut: '#0b4f9c', trackingBack: '#0a6b2e', inventory: '#8a5300', settlements: '#6b2e8a', sent: '#0b4f9c', raised: '#a4121b' };
  function seriesOf(samples, field) {
    var times = [];
    samples.forEach(function (s) { if (times.indexOf(s.at) < 0) times.push(s.at); });
    times.sort(function (a, b) { return a - b; });
    var data = [times.map(function (t) { return t / 1000; })];
    var series = [{}];
    FLOWS.forEach(function (flow) {
      data.push(times.map(function (t) {
        var s = samples.find(function (x) { return x.at === t && x.flow === flow; });
        return s ? s[field] : null;
      }));
      series.push({ label: LABELS[flow], stroke: COLOURS[flow], width: 2 });
    });
    return { data: data, series: series };
  }
  function throughput(activity, now) {
    var hours = [];
    var start = Math.floor((now - 86400000) / 3600000) * 3600000;
    for (var h = start; h <= now; h += 3600000) hours.push(h);
    var sent = hours.map(function (h) { var a = activity.find(function (x) { return x.hour === h; }); return a ? a.ordersSent : 0; });
    var raised = hours.map(function (h) { var a = activity.find(function (x) { return x.hour === h; }); return a ? a.exceptionsRaised : 0; });
    return { data: [hours.map(function (h) { return h / 1000; }), sent, raised], series: [{}, { label: 'orders sent', stroke: COLOURS.sent, width: 2 }, { label: 'exceptions raised', stroke: COLOURS.raised, width: 2 }] };
  }
  function draw() {
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('.charts').forEach(function (box) {
      var script = box.parentElement.querySelector('script.chart-data');
      if (!script) return;
      var d = JSON.parse(script.textContent);
      box.querySelectorAll('.chart').forEach(function (el) {
        var kind = el.getAttribute('data-series');
        if (kind !== 'throughput' && d.samples.length === 0) {
          el.textContent = 'No samples yet: the running bridge records backlog and lag every 5 minutes.';
          el.className = 'chart empty';
          return;
        }
        var spec = kind === 'throughput' ? throughput(d.activity, d.now) : seriesOf(d.samples, kind === 'lag' ? 'lagSeconds' : 'backlog');
        var width = Math.max(320, el.clientWidth || 380);
        new uPlot({ width: width, height: 200, series: spec.series, axes: [{}, {}] }, spec.data, el);
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
