// Go duration strings as Istio's ProxyConfig takes them ("5s", "1m30s", "500ms", "1.5h"; protobuf's JSON form
// "5.5s" is one of them), in seconds. Undefined for anything else, and for negative or unbounded values.
const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

export function parseGoDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  if (value === '' || value.length > 64) return undefined;
  let seconds = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < value.length) {
    const match = PART.exec(value);
    if (!match) return undefined;
    seconds += Number(match[1]) * UNITS[match[2]];
  }
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) / 1000 : undefined;
}

/** Seconds as a Go duration a person would write: "15s", "1m30s". */
export function formatGoDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  return whole >= 60 && whole % 60 === 0 ? `${whole / 60}m` : whole > 60 ? `${Math.floor(whole / 60)}m${whole % 60}s` : `${whole}s`;
}
