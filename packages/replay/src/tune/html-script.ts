// The tune report's own script and style, inlined next to uPlot and allowed by their hashes in the
// page's CSP (as the replay report's, report/html-script.ts): plots every replayed variant, the
// Pareto front, the formula as written and the best variant (objective across, delay up) with
// uPlot's scatter mode, and shows the details of the point picked on the chart or in the table.
// The details are already in the page (escaped by the server side); the script only shows and
// hides them. Plain ES2017, no network, no eval, no inline handlers.

export const TUNE_SCRIPT = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tune-data').textContent);
  var HEIGHT = 380;
  var selected = -1;
  var plot = null;
  var pickable = data.points;
  function select(i) {
    selected = i;
    document.querySelectorAll('section.point').forEach(function (s) {
      s.hidden = s.getAttribute('data-point') !== String(i);
    });
    document.querySelectorAll('tr[data-point]').forEach(function (r) {
      r.classList.toggle('selected', r.getAttribute('data-point') === String(i));
    });
    if (plot) {
      var p = pickable[i];
      plot.setData(seriesData(p && p.y !== null ? [[p.x], [p.y]] : [[], []]));
    }
  }
  // The constraint as a dashed line across every plotted objective value.
  var xs = data.variants[0].concat(data.front[0], data.baseline[0]);
  var limit = data.limit === null || xs.length === 0 ? null
    : [[Math.min.apply(null, xs), Math.max.apply(null, xs)], [data.limit, data.limit]];
  function seriesData(sel) {
    var d = [null, data.variants, data.front, data.baseline, data.best, sel];
    if (limit) d.push(limit);
    return d;
  }
  function widthOf(el) { return Math.max(320, el.clientWidth || 900); }
  var el = document.getElementById('front-chart');
  if (el && data.plotted) {
    // uPlot's scatter mode draws no point markers itself: each series' paths are its points (and,
    // for the front, the line through them), built with uPlot's own path builders.
    var dots = uPlot.paths.points();
    var linear = uPlot.paths.linear();
    function scatterPaths(line) {
      return function (u, i, i0, i1) {
        if (u.data[i][0].length === 0) return null;
        var d = dots(u, i, i0, i1);
        if (!line) return d;
        var stroke = new Path2D();
        stroke.addPath(linear(u, i, i0, i1).stroke);
        stroke.addPath(d.stroke);
        return { stroke: stroke, fill: d.fill, clip: d.clip, flags: d.flags };
      };
    }
    // A little room around the points, so none is cut in half at the chart's edge.
    function padded(u, min, max) {
      var pad = (max - min) * 0.04 || Math.abs(max) * 0.04 || 1;
      return [min - pad, max + pad];
    }
    function series(label, color, size, line, fill) {
      return {
        label: label,
        stroke: color,
        fill: fill || color,
        width: 1.5,
        points: { show: false, size: size, width: 1.5 },
        facets: [{ scale: 'x', auto: true }, { scale: 'y', auto: true }],
        paths: scatterPaths(line)
      };
    }
    var all = [
      {},
      series('replayed variants', '#b0b7bf', 6),
      series('Pareto front', '#1f77b4', 8, true),
      series('formula as written', '#222222', 11, false, '#ffffff'),
      series('best', '#d62728', 11),
      series('picked', '#ff7f0e', 18, false, 'rgba(255,127,14,0.25)')
    ];
    if (limit) {
      all.push({
        label: data.limitLabel,
        stroke: '#2ca02c',
        width: 1.5,
        dash: [6, 4],
        points: { show: false },
        facets: [{ scale: 'x', auto: true }, { scale: 'y', auto: true }],
        paths: linear
      });
    }
    plot = new uPlot({
      mode: 2,
      width: widthOf(el),
      height: HEIGHT,
      title: data.title,
      scales: { x: { time: false, range: padded }, y: { range: padded } },
      axes: [{ label: data.xLabel }, { label: data.yLabel, size: 70 }],
      legend: { live: false },
      // Drag a box to zoom in (double-click to zoom out); a click picks a point.
      cursor: { drag: { x: true, y: true, uni: 20 }, points: { show: false } },
      series: all,
      // Where each pickable point is drawn (CSS pixels in the plotting area), for tests and tools.
      hooks: { draw: [function (u) {
        el.setAttribute('data-picks', JSON.stringify(pickable.map(function (p) {
          return p.y === null ? null : [Math.round(u.valToPos(p.x, 'x')), Math.round(u.valToPos(p.y, 'y'))];
        })));
      }] }
    }, seriesData([[], []]), el);
    plot.over.addEventListener('click', function (e) {
      var rect = plot.over.getBoundingClientRect();
      var cx = e.clientX - rect.left;
      var cy = e.clientY - rect.top;
      var nearest = -1;
      var best = 15 * 15;
      pickable.forEach(function (p, i) {
        if (p.y === null) return;
        var dx = plot.valToPos(p.x, 'x') - cx;
        var dy = plot.valToPos(p.y, 'y') - cy;
        if (dx * dx + dy * dy <= best) { best = dx * dx + dy * dy; nearest = i; }
      });
      if (nearest >= 0) select(nearest);
    });
    var timer = 0;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { plot.setSize({ width: widthOf(el), height: HEIGHT }); }, 100);
    });
  }
  document.querySelectorAll('tr[data-point]').forEach(function (r) {
    r.addEventListener('click', function () { select(Number(r.getAttribute('data-point'))); });
  });
  select(data.initial);
})();
`;

export const TUNE_STYLE = `
table.front tr[data-point] { cursor: pointer; }
table.front tr[data-point]:hover td, table.front tr[data-point]:hover th { background: #eef4fb; }
table.front tr.selected td, table.front tr.selected th { background: #fde9d9; }
pre.formula { background: #f7f7f7; border: 1px solid #ddd; padding: 8px 12px; overflow-x: auto; font-size: 13px; }
section.point h3 { margin-top: 8px; }
.hint { color: #555; font-style: italic; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: #d62728; color: #fff; margin-left: 6px; }
.tag.as-written { background: #222; }
`;
