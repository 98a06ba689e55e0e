// Sprig's random and crypto functions (time is in time.ts). Their results differ on every run in Helm too, so tests compare
// them by shape: right length and alphabet, UUID layout, PEM framing, Go time layouts. The certificates and
// keys are NOT real (random bytes in PEM armour): a rendered chart is only linted, never deployed, from here.
import { type FunctionTable, fn, variadic } from '../template/function';
import { type GoInt, type GoObject, goInt, goObject } from '../template/value';

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
