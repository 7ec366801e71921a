// The HTML report's own script, inlined next to uPlot (and allowed by its hash in the page's CSP):
// reads the chart data from the page's JSON block and draws each chart with uPlot in UTC, with
// cursors synchronised per recording, and "show the whole replay" buttons that undo a zoom. Plain ES2017 for any current browser; no network access.

export const PAGE_SCRIPT = `(function () {
  'use strict';
  var HEIGHT = 260;
  var data = JSON.parse(document.getElementById('replay-data').textContent);
  var plots = [];
  function widthOf(el) { return Math.max(320, el.clientWidth || 900); }
  function utc(ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }
  data.charts.forEach(function (chart) {
    var el = document.getElementById(chart.id);
    if (!el) return;
    if (chart.series.length === 0) { el.textContent = 'No data for this chart.'; return; }
    var series = [{}].concat(chart.series.map(function (s) {
      var opts = { label: s.label, stroke: s.stroke, width: 1.5 };
      if (s.dashed) opts.dash = [6, 4];
      if (s.stepped) opts.paths = uPlot.paths.stepped({ align: 1 });
      return opts;
    }));
    var options = {
      title: chart.title,
      width: widthOf(el),
      height: HEIGHT,
      tzDate: utc,
      series: series,
      scales: { x: { time: true } },
      axes: [{}, { label: chart.yLabel }],
      cursor: { sync: { key: chart.group } }
    };
    var columns = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
    plots.push({ el: el, group: chart.group, x: chart.x, plot: new uPlot(options, columns, el) });
  });
  // "Show the whole replay": every chart of the group back to its full time range.
  Array.prototype.forEach.call(document.querySelectorAll('button.reset-zoom'), function (button) {
    button.addEventListener('click', function () {
      plots.forEach(function (p) {
        if (p.group !== button.getAttribute('data-group') || p.x.length === 0) return;
        p.plot.setScale('x', { min: p.x[0], max: p.x[p.x.length - 1] });
      });
    });
  });
  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      plots.forEach(function (p) { p.plot.setSize({ width: widthOf(p.el), height: HEIGHT }); });
    }, 100);
  });
})();
`;

export const PAGE_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 24px auto; max-width: 1200px; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin-top: 20px; }
.run, .generated { color: #555; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; vertical-align: top; }
th { background: #f5f5f5; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.msg { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.chart { width: 100%; margin: 12px 0; min-height: 40px; }
.none { color: #2a7a2a; }
.warn { color: #a15c00; }
td.better { color: #1d6b1d; }
td.worse { color: #a12b2b; }
.zoom { color: #555; font-size: 13px; }
.verdict-title { font-weight: 600; margin-bottom: 0; }
table.verdict td { font-variant-numeric: tabular-nums; }
.zoom button { font: inherit; padding: 0 6px; }
details summary { cursor: pointer; color: #555; margin-bottom: 4px; }
`;
