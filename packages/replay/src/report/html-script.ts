// The HTML report's own script, inlined next to uPlot (and allowed by its hash in the page's CSP):
// reads the chart data from the page's JSON block and draws each chart with uPlot in UTC, with
// cursors synchronised per recording; above each group of charts an overview strip of the whole
// replay (the targets) whose brush picks the period the charts show, and a "show the whole replay"
// button that undoes a zoom. Each chart draws its series re-bucketed to its width in device pixels
// for the period shown (BUCKET_SCRIPT), again on every zoom and resize, so zooming shows the
// detail underneath. A click (not a drag) on a chart picks the instant nearest to it and announces
// it as the document's 'autoscale-explain' event, { group, time: ms since the epoch }, for the
// part of the page that explains an evaluation. Plain ES2017 for any current browser; no network.

import { BUCKET_SCRIPT } from './chart-buckets-script.ts';

export const PAGE_SCRIPT = `(function () {
  'use strict';
  var HEIGHT = 260;
  var OVERVIEW_HEIGHT = 90;
  var data = JSON.parse(document.getElementById('replay-data').textContent);
  ${BUCKET_SCRIPT}
  var plots = [];
  var overviews = [];
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
  // A drawn chart: its source series (what the page embeds, at any resolution), the period shown
  // and the buckets its data was cut to. Before uPlot has laid the chart out, a bucket per pixel
  // of the element's width is the estimate.
  function drawn(el, group, x, columns) {
    var p = { el: el, group: group, x: x, columns: columns, min: x[0], max: x[x.length - 1], plot: null };
    p.buckets = Math.round(widthOf(el) * (window.devicePixelRatio || 1));
    return p;
  }
  function firstData(p) { return bucketRange(p.x, p.columns, p.min, p.max, p.buckets); }
  // Draws p's period from its source, one bucket per device pixel (uPlot's bbox). setData keeps the
  // scales (false); the setScale after it makes uPlot index the new data. (Doing this from a
  // setScale hook would change the data under the indexes uPlot has just computed.)
  function render(p) {
    if (p.x.length < 2) return;
    p.buckets = Math.max(1, Math.round(p.plot.bbox.width));
    p.plot.setData(bucketRange(p.x, p.columns, p.min, p.max, p.buckets), false);
    p.plot.setScale('x', { min: p.min, max: p.max });
  }
  // uPlot's setSize hook runs inside its draw: a new width is re-bucketed just after it.
  function resized(p) {
    return function (u) {
      if (Math.round(u.bbox.width) === p.buckets) return;
      Promise.resolve().then(function () { render(p); });
    };
  }
  function showRange(group, min, max) {
    plots.forEach(function (p) {
      if (p.group !== group) return;
      p.min = min;
      p.max = max;
      render(p);
    });
  }
  function showWhole(group) {
    plots.forEach(function (p) {
      if (p.group !== group) return;
      p.min = p.x[0];
      p.max = p.x[p.x.length - 1];
      render(p);
    });
    overviews.forEach(function (o) {
      if (o.group === group) o.plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    });
  }
  // A drag across a chart selects a period: the chart dragged shows it in its whole group. The
  // other charts of the group follow the drag (synchronised cursors) and only clear their copy.
  function zoomBySelect(p) {
    return function (u) {
      if (u.select.width <= 0) return;
      var min = u.posToVal(u.select.left, 'x');
      var max = u.posToVal(u.select.left + u.select.width, 'x');
      u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      if (u.cursor.event != null) showRange(p.group, min, max);
    };
  }
  // A click is a mouse-up with no selection (uPlot selects only past drag.dist pixels): the instant
  // of the source series nearest to it is announced, in milliseconds since the epoch.
  function pick(p, u) {
    var left = u.cursor.left;
    if (left == null || left < 0) return;
    var i = nearestIndex(p.x, u.posToVal(left, 'x'));
    if (i < 0) return;
    document.dispatchEvent(new CustomEvent('autoscale-explain', {
      detail: { group: p.group, time: Math.round(p.x[i] * 1000) }
    }));
  }
  function clickOrDrag(p) {
    return function (u, target, handler) {
      return function (e) {
        if (e.button !== 0) return;
        var dragged = u.select.width > 0;
        handler(e);
        if (!dragged) pick(p, u);
      };
    };
  }
  // A double-click shows the whole replay in the group (uPlot's own would re-range one chart to its data).
  function wholeOnDoubleClick(p) {
    return function (u, target) {
      return function (e) { if (e.button === 0 && e.target === target) showWhole(p.group); };
    };
  }
  data.charts.forEach(function (chart) {
    var el = document.getElementById(chart.id);
    if (!el) return;
    if (chart.series.length === 0) { el.textContent = 'No data for this chart.'; return; }
    var p = drawn(el, chart.group, chart.x, chart.series.map(function (s) { return s.values; }));
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
      cursor: {
        sync: { key: chart.group },
        drag: { x: true, y: false, setScale: false, dist: 4 },
        bind: { mouseup: clickOrDrag(p), dblclick: wholeOnDoubleClick(p) }
      },
      hooks: { setSelect: [zoomBySelect(p)], setSize: [resized(p)] }
    };
    p.plot = new uPlot(options, firstData(p), el);
    plots.push(p);
  });
  // The overview strip: the group's targets chart, small, over the whole replay; dragging across
  // it (the brush) shows that period in every chart of the group.
  Array.prototype.forEach.call(document.querySelectorAll('.overview[data-group]'), function (el) {
    var group = el.getAttribute('data-group');
    var source = data.charts.filter(function (c) { return c.group === group && c.overview && c.series.length > 0; })[0];
    if (!source) return;
    var o = drawn(el, group, source.x, source.series.map(function (s) { return s.values; }));
    var options = {
      width: widthOf(el),
      height: OVERVIEW_HEIGHT,
      tzDate: utc,
      legend: { show: false },
      series: [{}].concat(source.series.map(function (s) { return { stroke: s.stroke, width: 1 }; })),
      scales: { x: { time: true } },
      axes: [{ values: ticks }, { show: false }],
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      hooks: {
        setSelect: [function (u) {
          if (u.select.width <= 0) return;
          showRange(group, u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
        }],
        setSize: [resized(o)]
      }
    };
    o.plot = new uPlot(options, firstData(o), el);
    overviews.push(o);
  });
  // "Show the whole replay": every chart of the group back to its full time range, brush cleared.
  Array.prototype.forEach.call(document.querySelectorAll('button.reset-zoom'), function (button) {
    button.addEventListener('click', function () { showWhole(button.getAttribute('data-group')); });
  });
  var timer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      plots.forEach(function (p) { p.plot.setSize({ width: widthOf(p.el), height: HEIGHT }); });
      overviews.forEach(function (o) { o.plot.setSize({ width: widthOf(o.el), height: OVERVIEW_HEIGHT }); });
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
