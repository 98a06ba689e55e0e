// Sprig's random, time and crypto functions. Their results differ on every run in Helm too, so tests compare
// them by shape: right length and alphabet, UUID layout, PEM framing, Go time layouts. The certificates and
// keys are NOT real (random bytes in PEM armour): a rendered chart is only linted, never deployed, from here.
import { type FunctionTable, fn, variadic } from '../template/function';
import { GoInt, GoObject, type GoValue, goInt, goObject } from '../template/value';
import { toInt64 } from './convert';

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NUM = '0123456789';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function random(alphabet: string, n: number): string {
  if (n < 0) throw new Error('requested random string length -1 is less than 0');
  if (n > 10_000_000) throw new Error(`requested random string length ${n} is more than this renderer allows`);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}

function randomBytes(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));
}

function b64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function uuidv4(): string {
  const h = Array.from(randomBytes(16), (b) => b.toString(16).padStart(2, '0'));
  h[6] = '4' + h[6][1];
  h[8] = ((parseInt(h[8], 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}

function pem(type: string, bytes: number): string {
  const body = b64(randomBytes(bytes))
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
}

function certificate(): GoObject {
  return goObject('sprig.certificate', { fields: { Cert: pem('CERTIFICATE', 780), Key: pem('RSA PRIVATE KEY', 1190) } });
}

// ---- time ----

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const times = new WeakMap<GoObject, Date>();

/** Go's time.Format for the layout elements charts use, in UTC. */
export function goTimeFormat(d: Date, layout: string): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const tokens: [string, () => string][] = [
    ['2006', () => String(d.getUTCFullYear())],
    ['January', () => MONTHS[d.getUTCMonth()]],
    ['Jan', () => MONTHS[d.getUTCMonth()].slice(0, 3)],
    ['Monday', () => DAYS[d.getUTCDay()]],
    ['Mon', () => DAYS[d.getUTCDay()].slice(0, 3)],
    ['MST', () => 'UTC'],
    ['Z07:00', () => 'Z'],
    ['-07:00', () => '+00:00'],
    ['-0700', () => '+0000'],
    ['.000000000', () => '.' + p(d.getUTCMilliseconds(), 3) + '000000'],
    ['.000000', () => '.' + p(d.getUTCMilliseconds(), 3) + '000'],
    ['.000', () => '.' + p(d.getUTCMilliseconds(), 3)],
    ['.999999999', () => (d.getUTCMilliseconds() ? '.' + p(d.getUTCMilliseconds(), 3).replace(/0+$/, '') : '')],
    ['01', () => p(d.getUTCMonth() + 1)],
    ['02', () => p(d.getUTCDate())],
    ['_2', () => String(d.getUTCDate()).padStart(2, ' ')],
    ['15', () => p(d.getUTCHours())],
    ['03', () => p(d.getUTCHours() % 12 || 12)],
    ['04', () => p(d.getUTCMinutes())],
    ['05', () => p(d.getUTCSeconds())],
    ['06', () => p(d.getUTCFullYear() % 100)],
    ['PM', () => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
    ['1', () => String(d.getUTCMonth() + 1)],
    ['2', () => String(d.getUTCDate())],
    ['3', () => String(d.getUTCHours() % 12 || 12)],
    ['4', () => String(d.getUTCMinutes())],
    ['5', () => String(d.getUTCSeconds())],
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

function timeObject(d: Date): GoObject {
  const o = goObject('time.Time', {
    methods: {
      Unix: { params: [], fn: () => goInt(Math.floor(d.getTime() / 1000), 'int64') },
      UnixNano: { params: [], fn: () => goInt(d.getTime() * 1e6, 'int64') },
      Year: { params: [], fn: () => goInt(d.getUTCFullYear()) },
      Format: { params: ['string'], fn: (layout: GoValue) => goTimeFormat(d, layout as string) },
      UTC: { params: [], fn: () => timeObject(d) },
    },
    format: () => goTimeFormat(d, '2006-01-02 15:04:05.999999999 -0700 MST'),
  });
  times.set(o, d);
  return o;
}

function toDate(v: GoValue): Date {
  if (v instanceof GoObject && times.has(v)) return times.get(v) as Date;
  if (v instanceof GoInt || typeof v === 'number') return new Date(toInt64(v) * 1000);
  return new Date();
}

export function randomFunctions(): FunctionTable {
  const rand = (alphabet: string) => fn(['int'], ([n]) => random(alphabet, (n as GoInt).value));
  return {
    randAlphaNum: rand(ALPHA + NUM),
    randAlpha: rand(ALPHA),
    randNumeric: rand(NUM),
    randAscii: rand(ASCII),
    randInt: fn(['int', 'int'], ([a, b]) =>
      goInt((a as GoInt).value + Math.floor(Math.random() * ((b as GoInt).value - (a as GoInt).value))),
    ),
    randBytes: fn(['int'], ([n]) => b64(randomBytes(Math.min((n as GoInt).value, 10_000_000)))),
    uuidv4: fn([], () => uuidv4()),
    now: fn([], () => timeObject(new Date())),
    date: fn(['string', 'interface {}'], ([layout, d]) => goTimeFormat(toDate(d), layout as string)),
    dateInZone: fn(['string', 'interface {}', 'string'], ([layout, d]) => goTimeFormat(toDate(d), layout as string)),
    htmlDate: fn(['interface {}'], ([d]) => goTimeFormat(toDate(d), '2006-01-02')),
    htmlDateInZone: fn(['interface {}', 'string'], ([d]) => goTimeFormat(toDate(d), '2006-01-02')),
    unixEpoch: fn(['time.Time'], ([d]) => String(Math.floor(toDate(d).getTime() / 1000))),
    genCA: fn(['string', 'int'], () => certificate()),
    genCAWithKey: fn(['string', 'int', 'string'], () => certificate()),
    genSelfSignedCert: fn(['string', '[]interface {}', '[]interface {}', 'int'], () => certificate()),
    genSelfSignedCertWithKey: fn(['string', '[]interface {}', '[]interface {}', 'int', 'string'], () => certificate()),
    genSignedCert: fn(['string', '[]interface {}', '[]interface {}', 'int', 'sprig.certificate'], () => certificate()),
    genSignedCertWithKey: fn(['string', '[]interface {}', '[]interface {}', 'int', 'sprig.certificate', 'string'], () => certificate()),
    genPrivateKey: fn(['string'], ([t]) =>
      pem(t === 'ecdsa' ? 'EC PRIVATE KEY' : t === 'ed25519' ? 'PRIVATE KEY' : 'RSA PRIVATE KEY', t === 'rsa' || t === '' ? 1190 : 120),
    ),
    htpasswd: fn(['string', 'string'], ([user]) => `${user as string}:$2a$10$${random(ALPHA + NUM + './', 53)}`),
    bcrypt: fn(['string'], () => `$2a$10$${random(ALPHA + NUM + './', 53)}`),
    derivePassword: variadic(['uint32', 'string', 'string', 'string', 'string'], () => random(ALPHA + NUM, 20)),
    encryptAES: fn(['string', 'string'], () => b64(randomBytes(48))),
  };
}
