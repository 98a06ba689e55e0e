// Sprig's time functions (now, date, dateInZone, htmlDate, htmlDateInZone, unixEpoch) with Go's time.Format
// and time.LoadLocation: a zone name is an IANA zone (offsets and daylight saving from the JavaScript runtime's
// time zone data), "UTC" or "Local"; a name Go cannot load falls back to UTC, as Sprig does. Zone abbreviations
// are tzdata's: the runtime's where it has letters (the US zones), a table of the common others, and tzdata's
// numeric form ("+03", "+0530") for the rest.
import { type FunctionTable, fn } from '../template/function';
import { GoInt, GoObject, type GoValue, goInt, goObject } from '../template/value';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A zone at one instant: its UTC offset and abbreviation. */
export interface ZoneAt {
  offsetSeconds: number;
  abbreviation: string;
}

const UTC: ZoneAt = { offsetSeconds: 0, abbreviation: 'UTC' };

/** tzdata's [standard, daylight] abbreviations of zones the runtime names only as "GMT+1". */
const ABBREVIATIONS: Record<string, [string, string]> = {
  'Europe/London': ['GMT', 'BST'],
  'Europe/Dublin': ['GMT', 'IST'],
  'Europe/Lisbon': ['WET', 'WEST'],
  'Atlantic/Canary': ['WET', 'WEST'],
  'Europe/Moscow': ['MSK', 'MSD'],
  'Asia/Kolkata': ['IST', 'IST'],
  'Asia/Calcutta': ['IST', 'IST'],
  'Asia/Tokyo': ['JST', 'JDT'],
  'Asia/Seoul': ['KST', 'KDT'],
  'Asia/Shanghai': ['CST', 'CDT'],
  'Asia/Hong_Kong': ['HKT', 'HKST'],
  'Asia/Jerusalem': ['IST', 'IDT'],
  'Asia/Karachi': ['PKT', 'PKST'],
  'Asia/Jakarta': ['WIB', 'WIB'],
  'Asia/Manila': ['PST', 'PDT'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Australia/Melbourne': ['AEST', 'AEDT'],
  'Australia/Brisbane': ['AEST', 'AEDT'],
  'Australia/Adelaide': ['ACST', 'ACDT'],
  'Australia/Darwin': ['ACST', 'ACDT'],
  'Australia/Perth': ['AWST', 'AWDT'],
  'Pacific/Auckland': ['NZST', 'NZDT'],
  'Africa/Johannesburg': ['SAST', 'SAST'],
  'Africa/Lagos': ['WAT', 'WAT'],
  'Africa/Nairobi': ['EAT', 'EAT'],
  'Africa/Cairo': ['EET', 'EEST'],
};
/** Central/Eastern/Western European zones: abbreviations by standard offset. */
const EUROPEAN: Record<number, [string, string]> = { 0: ['WET', 'WEST'], 3600: ['CET', 'CEST'], 7200: ['EET', 'EEST'] };

const formats = new Map<string, Intl.DateTimeFormat | undefined>();

/** Intl's formatter for a zone Go's LoadLocation would load, or undefined. */
function zoneFormat(name: string): Intl.DateTimeFormat | undefined {
  if (formats.has(name)) return formats.get(name);
  let format: Intl.DateTimeFormat | undefined;
  if (/^[A-Za-z]/.test(name) && !name.includes('..')) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'short' });
      const resolved = format.resolvedOptions().timeZone;
      // Go opens tzdata files by name: the case must be exact.
      if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) format = undefined;
    } catch {
      format = undefined;
    }
  }
  formats.set(name, format);
  return format;
}

function offsetAt(name: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(instant / 1000) * 1000) / 1000);
}

/** time.LoadLocation(name) (UTC when Go could not load it) at an instant. */
export function zoneAt(name: string, instant: number): ZoneAt {
  if (name === 'UTC' || name === '') return UTC;
  const zone = name === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : name;
  const format = zoneFormat(zone);
  if (!format) return UTC;
  const offsetSeconds = offsetAt(zone, instant);
  const short = format.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (/^[A-Z]{3,5}$/.test(short)) return { offsetSeconds, abbreviation: short };
  const year = new Date(instant).getUTCFullYear();
  const standard = Math.min(offsetAt(zone, Date.UTC(year, 0, 1)), offsetAt(zone, Date.UTC(year, 6, 1)));
  const pair = ABBREVIATIONS[zone] ?? (zone.startsWith('Europe/') ? EUROPEAN[standard] : undefined);
  if (pair) return { offsetSeconds, abbreviation: pair[offsetSeconds === standard ? 0 : 1] };
  return { offsetSeconds, abbreviation: numericOffset(offsetSeconds, '', false) };
}

/** +hh[mm] (tzdata's numeric abbreviations), or with a separator and minutes always (Go's -07:00, -0700). */
function numericOffset(seconds: number, separator: string, alwaysMinutes: boolean): string {
  const abs = Math.abs(seconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  return `${seconds < 0 ? '-' : '+'}${hh}${alwaysMinutes || mm !== '00' ? separator + mm : ''}`;
}

/** Go's time.Format for the layout elements charts use, in a zone. */
export function goTimeFormat(d: Date, layout: string, zone: ZoneAt = UTC): string {
  const local = new Date(d.getTime() + zone.offsetSeconds * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const ms = local.getUTCMilliseconds();
  const offset = (sep: string): string => numericOffset(zone.offsetSeconds, sep, true);
  const tokens: [string, () => string][] = [
    ['2006', () => String(local.getUTCFullYear())],
    ['January', () => MONTHS[local.getUTCMonth()]],
    ['Jan', () => MONTHS[local.getUTCMonth()].slice(0, 3)],
    ['Monday', () => DAYS[local.getUTCDay()]],
    ['Mon', () => DAYS[local.getUTCDay()].slice(0, 3)],
    ['MST', () => zone.abbreviation],
    ['Z07:00', () => (zone.offsetSeconds === 0 ? 'Z' : offset(':'))],
    ['Z0700', () => (zone.offsetSeconds === 0 ? 'Z' : offset(''))],
    ['Z07', () => (zone.offsetSeconds === 0 ? 'Z' : offset('').slice(0, 3))],
    ['-07:00', () => offset(':')],
    ['-0700', () => offset('')],
    ['-07', () => offset('').slice(0, 3)],
    ['.000000000', () => '.' + p(ms, 3) + '000000'],
    ['.000000', () => '.' + p(ms, 3) + '000'],
    ['.000', () => '.' + p(ms, 3)],
    ['.999999999', () => (ms ? '.' + p(ms, 3).replace(/0+$/, '') : '')],
    ['01', () => p(local.getUTCMonth() + 1)],
    ['02', () => p(local.getUTCDate())],
    ['_2', () => String(local.getUTCDate()).padStart(2, ' ')],
    ['15', () => p(local.getUTCHours())],
    ['03', () => p(local.getUTCHours() % 12 || 12)],
    ['04', () => p(local.getUTCMinutes())],
    ['05', () => p(local.getUTCSeconds())],
    ['06', () => p(local.getUTCFullYear() % 100)],
    ['PM', () => (local.getUTCHours() >= 12 ? 'PM' : 'AM')],
    ['1', () => String(local.getUTCMonth() + 1)],
    ['2', () => String(local.getUTCDate())],
    ['3', () => String(local.getUTCHours() % 12 || 12)],
    ['4', () => String(local.getUTCMinutes())],
    ['5', () => String(local.getUTCSeconds())],
  ];
  let out = '';
  for (let i = 0; i < layout.length;) {
    const t = tokens.find(([k]) => layout.startsWith(k, i));
    if (t) {
      out += t[1]();
      i += t[0].length;
    } else out += layout[i++];
  }
  return out;
}

const times = new WeakMap<GoObject, Date>();

/** A time.Time in the local zone, as time.Now() gives it. */
function timeObject(d: Date, zoneName = 'Local'): GoObject {
  const zone = (): ZoneAt => zoneAt(zoneName, d.getTime());
  const o = goObject('time.Time', {
    methods: {
      Unix: { params: [], fn: () => goInt(Math.floor(d.getTime() / 1000), 'int64') },
      UnixNano: { params: [], fn: () => goInt(d.getTime() * 1e6, 'int64') },
      Year: { params: [], fn: () => goInt(new Date(d.getTime() + zone().offsetSeconds * 1000).getUTCFullYear()) },
      Format: { params: ['string'], fn: (layout: GoValue) => goTimeFormat(d, layout as string, zone()) },
      UTC: { params: [], fn: () => timeObject(d, 'UTC') },
    },
    format: () => goTimeFormat(d, '2006-01-02 15:04:05.999999999 -0700 MST', zone()),
  });
  times.set(o, d);
  return o;
}

/** Sprig's date argument: a time.Time, or Unix seconds as int, int32 or int64; anything else is now. */
function toDate(v: GoValue): Date {
  if (v instanceof GoObject && times.has(v)) return times.get(v) as Date;
  if (v instanceof GoInt && (v.type === 'int' || v.type === 'int64' || v.type === 'int32')) return new Date(v.value * 1000);
  return new Date();
}

function dateInZone(layout: string, date: GoValue, zone: string): string {
  const d = toDate(date);
  return goTimeFormat(d, layout, zoneAt(zone, d.getTime()));
}

export function timeFunctions(): FunctionTable {
  return {
    now: fn([], () => timeObject(new Date())),
    date: fn(['string', 'interface {}'], ([layout, d]) => dateInZone(layout as string, d, 'Local')),
    dateInZone: fn(['string', 'interface {}', 'string'], ([layout, d, zone]) => dateInZone(layout as string, d, zone as string)),
    htmlDate: fn(['interface {}'], ([d]) => dateInZone('2006-01-02', d, 'Local')),
    htmlDateInZone: fn(['interface {}', 'string'], ([d, zone]) => dateInZone('2006-01-02', d, zone as string)),
    unixEpoch: fn(['time.Time'], ([d]) => String(Math.floor(toDate(d).getTime() / 1000))),
  };
}
