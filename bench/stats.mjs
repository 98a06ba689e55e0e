// Medians, quantiles and a warmed-up timing loop: the statistics every in-process measurement of bench/run.mjs
// shares, kept apart so that each measurement reads as what it measures.

export const median = (xs) => quantile(xs, 0.5);

export function quantile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

const gc = () => globalThis.gc?.();

/**
 * Warms fn up (JIT) for ~20% of the budget (at least once), then runs it until `budgetMs` is spent or
 * `maxRuns` reached (at least `minRuns`). One full GC before the series, none inside it: forcing a GC before
 * every run shrinks the young generation and makes allocation-heavy code look 2-3× slower than it is.
 */
export function timeIt(fn, { budgetMs = 2000, maxRuns = 100, minRuns = 3 } = {}) {
  gc();
  let t0 = performance.now();
  let warm = 0;
  do {
    fn();
    warm++;
  } while (performance.now() - t0 < budgetMs * 0.2 && warm < 20);
  const one = (performance.now() - t0) / warm;
  const runs = Math.max(minRuns, Math.min(maxRuns, Math.floor((budgetMs * 0.8) / Math.max(one, 0.01))));
  gc();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    times.push(performance.now() - s);
  }
  return { median: median(times), min: Math.min(...times), p95: quantile(times, 0.95), runs: times.length, warmupRuns: warm };
}
