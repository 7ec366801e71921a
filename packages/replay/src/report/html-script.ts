// The HTML report's own script, inlined next to uPlot (and allowed by its hash in the page's CSP):
// reads the chart data from the page's JSON block and draws each chart with uPlot in UTC, with
// cursors synchronised per recording; above each group of charts an overview strip of the whole
// replay (the targets) whose brush picks the period the charts show, and a "show the whole replay"
// button that undoes a zoom. Plain ES2017 for any current browser; no network access.

export const PAGE_SCRIPT = `(function () {
  'use strict';
  var HEIGHT = 260;
  var data = JSON.parse(document.getElementById('replay-data').textContent);
  var plots = [];
  function widthOf(el) { return Math.max(320, el.clientWidth || 900); }
  function utc(ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }
  // Times in UTC and 24-hour everywhere, as the tables print them: axis ticks ("06:00", with the
  // day under the first tick of each day, or "Jan 5" for ticks a day or more apart) and the
  // legend's time at the cursor ("2026-01-05 06:15 UTC").
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function dayOf(d) { return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate(); }
  function ticks(u, splits, axis, space, incr) {
    return splits.map(function (v, i) {
      var d = new Date(v * 1000);
      if (incr >= 86400) return dayOf(d);
      var time = two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
      var before = i > 0 ? new Date(splits[i - 1] * 1000) : null;
      return before === null || before.getUTCDate() !== d.getUTCDate() ? time + '\\n' + dayOf(d) : time;
    });
  }
  function cursorTime(u, v) {
    if (v == null) return '--';
    var d = new Date(v * 1000);
    return d.getUTCFullYear() + '-' + two(d.getUTCMonth() + 1) + '-' + two(d.getUTCDate()) + ' ' +
      two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ' UTC';
  }
  data.charts.forEach(function (chart) {
    var el = document.getElementById(chart.id);
    if (!el) return;
    if (chart.series.length === 0) { el.textContent = 'No data for this chart.'; return; }
    var series = [{ value: cursorTime }].concat(chart.series.map(function (s) {
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
      axes: [{ values: ticks }, { label: chart.yLabel }],
      cursor: { sync: { key: chart.group } }
    };
    var columns = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
    plots.push({ el: el, group: chart.group, x: chart.x, plot: new uPlot(options, columns, el) });
  });
  function showRange(group, min, max) {
    plots.forEach(function (p) { if (p.group === group) p.plot.setScale('x', { min: min, max: max }); });
  }
  // The overview strip: the group's targets chart, small, over the whole replay; dragging across
  // it (the brush) shows that period in every chart of the group.
  var overviews = [];
  Array.prototype.forEach.call(document.querySelectorAll('.overview[data-group]'), function (el) {
    var group = el.getAttribute('data-group');
    var source = data.charts.filter(function (c) { return c.group === group && c.overview && c.series.length > 0; })[0];
    if (!source) return;
    var options = {
      width: widthOf(el),
      height: 90,
      tzDate: utc,
      legend: { show: false },
      series: [{}].concat(source.series.map(function (s) { return { stroke: s.stroke, width: 1 }; })),
      scales: { x: { time: true } },
      axes: [{ values: ticks }, { show: false }],
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      hooks: { setSelect: [function (u) {
        if (u.select.width <= 0) return;
        showRange(group, u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
      }] }
    };
    var columns = [source.x].concat(source.series.map(function (s) { return s.values; }));
    overviews.push({ el: el, group: group, plot: new uPlot(options, columns, el) });
  });
  // "Show the whole replay": every chart of the group back to its full time range, brush cleared.
  Array.prototype.forEach.call(document.querySelectorAll('button.reset-zoom'), function (button) {
    button.addEventListener('click', function () {
      var group = button.getAttribute('data-group');
      plots.forEach(function (p) {
        if (p.group === group && p.x.length > 0) p.plot.setScale('x', { min: p.x[0], max: p.x[p.x.length - 1] });
      });
      overviews.forEach(function (o) {
        if (o.group === group) o.plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      });
    });
  });
  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      plots.forEach(function (p) { p.plot.setSize({ width: widthOf(p.el), height: HEIGHT }); });
      overviews.forEach(function (o) { o.plot.setSize({ width: widthOf(o.el), height: 90 }); });
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
.overview { width: 100%; margin: 4px 0 8px; }
.verdict-title { font-weight: 600; margin-bottom: 0; }
table.verdict td { font-variant-numeric: tabular-nums; }
.zoom button { font: inherit; padding: 0 6px; }
details summary { cursor: pointer; color: #555; margin-bottom: 4px; }
`;
