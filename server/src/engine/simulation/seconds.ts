// Times of the simulation: seconds rounded to the millisecond, so that sums of decimal seconds compare equal
// when they should, and spelt the way the steps and failure causes print them.

/** Millisecond resolution: sums of decimal seconds compare equal when they should. */
export function roundMs(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** "5s", "2.5s": one decimal at most, for steps and causes. */
export function secondsText(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1).replace(/\.0$/, '')}s`;
}
