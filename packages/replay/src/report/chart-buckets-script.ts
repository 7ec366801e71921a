// The HTML report page's re-bucketing of a chart's series to its width in pixels, as plain ES2017
// source for PAGE_SCRIPT (html-script.ts): the page has no modules and its CSP allows only hashed
// inline scripts, so this is text, not an import. The playground's panels/chart-buckets.ts is the
// same algorithm in TypeScript; test/replay-chart-buckets.test.ts runs both on the same inputs and
// requires the same output.
//
// bucketRange(x, columns, min, max, buckets) -> [x', column'...] (uPlot's aligned data):
// - x is ascending (seconds), each column holds numbers or null at the same instants, and may be
//   of any resolution (the report embeds at most MAX_POINTS today; the full timeline works too);
// - the instants in [min, max] are grouped into `buckets` equal spans of time (one per device
//   pixel); a span with one instant keeps it, a span with more becomes two points, at its first
//   and its middle instant, holding each column's lowest and highest value in the order they
//   occurred, so no spike and no dip disappears at any zoom;
// - a range with no more than two instants per bucket is kept as it is;
// - the instants just outside [min, max] are kept, so lines run to the edges, and so are the first
//   and last instants, so uPlot's own idea of the whole range stays the whole replay.
// nearestIndex(x, v) -> the index of the instant closest to v (-1 for no instants).

export const BUCKET_SCRIPT = `
  function firstAtOrAfter(x, v) {
    var lo = 0, hi = x.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (x[mid] < v) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function firstAfter(x, v) {
    var lo = 0, hi = x.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (x[mid] <= v) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function nearestIndex(x, v) {
    if (x.length === 0) return -1;
    var i = firstAtOrAfter(x, v);
    if (i === 0) return 0;
    if (i === x.length) return x.length - 1;
    return v - x[i - 1] <= x[i] - v ? i - 1 : i;
  }
  function bucketRange(x, columns, min, max, buckets) {
    var out = [[]].concat(columns.map(function () { return []; }));
    var n = x.length;
    var last = -1;
    function keep(i) {
      if (i <= last || i < 0 || i >= n) return;
      last = i;
      out[0].push(x[i]);
      for (var c = 0; c < columns.length; c++) {
        var v = columns[c][i];
        out[c + 1].push(v === undefined ? null : v);
      }
    }
    function spread(s, e) {
      var mid = (s + e + 1) >>> 1;
      out[0].push(x[s], x[mid]);
      for (var c = 0; c < columns.length; c++) {
        var values = columns[c], low = null, high = null, lowAt = 0, highAt = 0;
        for (var j = s; j <= e; j++) {
          var v = values[j];
          if (v === null || v === undefined) continue;
          if (low === null || v < low) { low = v; lowAt = j; }
          if (high === null || v > high) { high = v; highAt = j; }
        }
        if (lowAt <= highAt) out[c + 1].push(low, high); else out[c + 1].push(high, low);
      }
      last = mid;
    }
    if (n === 0) return out;
    var lo = firstAtOrAfter(x, min);
    var hi = firstAfter(x, max) - 1;
    var count = Math.max(1, Math.floor(buckets));
    if (lo > 0) keep(0);
    keep(lo - 1);
    if (hi - lo + 1 <= 2 * count || !(max > min)) {
      for (var i = lo; i <= hi; i++) keep(i);
    } else {
      var span = (max - min) / count;
      var bucketOf = function (t) { return Math.min(count - 1, Math.floor((t - min) / span)); };
      var s = lo;
      while (s <= hi) {
        var b = bucketOf(x[s]);
        var e = s;
        while (e < hi && bucketOf(x[e + 1]) === b) e++;
        if (e === s) keep(s); else spread(s, e);
        s = e + 1;
      }
    }
    keep(hi + 1);
    keep(n - 1);
    return out;
  }
`;
