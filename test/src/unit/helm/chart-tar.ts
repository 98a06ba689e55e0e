// Builds small .tgz chart archives in tests (ustar headers, GNU or PAX long names), gzipped by Node's zlib.
import * as zlib from 'node:zlib';

export interface TarEntry {
  name: string;
  text?: string;
  directory?: boolean;
  longName?: 'gnu' | 'pax';
}

export function tgz(entries: TarEntry[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.text ?? '', 'utf8');
    if (e.longName === 'gnu') blocks.push(...record('././@LongLink', 'L', Buffer.from(`${e.name}\0`)));
    if (e.longName === 'pax') {
      const body = `path=${e.name}\n`;
      // "<length> path=<name>\n", where <length> counts itself.
      let length = body.length + 2;
      while (body.length + 1 + String(length).length !== length) length = body.length + 1 + String(length).length;
      blocks.push(...record('PaxHeader', 'x', Buffer.from(`${length} ${body}`)));
    }
    blocks.push(...record(e.longName ? e.name.slice(0, 99) : e.name, e.directory ? '5' : '0', e.directory ? Buffer.alloc(0) : data));
  }
  blocks.push(Buffer.alloc(1024));
  return new Uint8Array(zlib.gzipSync(Buffer.concat(blocks)));
}

function record(name: string, type: string, data: Buffer): Buffer[] {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return [header, padded];
}
