// Guards the base protocol's framing on a byte stream (stdio): `Content-Length: N\r\n\r\n` then N bytes of JSON.
// vscode-jsonrpc trusts the header: a missing or non-numeric length left the header's body to be read as the
// next header, a length too large swallowed every following message as one body, one too small cut a message
// and misread the rest. Either way the connection was wedged for good, shutdown included (issue 15, item 8).
//
// This stream passes well-framed messages through unchanged and drops what is not, resynchronising on the next
// header. A header is recognised by `Content-Length: <digits>` followed by a raw line break, which no JSON body
// can contain: a raw CR or LF is not allowed inside a JSON string, and outside strings the letters would not be
// JSON. So a body holding such a line is really a declared length running past its message into the next one.
// Linear in the bytes: a body is kept as the chunks it came in and joined once.
import { Transform, type TransformCallback } from 'stream';

/** Bodies above this are refused without being buffered (the editor sends a 16 MB file as ~20 MB of JSON). */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** A header block longer than this is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const NEXT_HEADER = /content-length:[ \t]*\d+[ \t]*\r\n/i;
/** Longer than any NEXT_HEADER match that matters: searches overlap chunk boundaries by this much. */
const OVERLAP = 64;
/** The header fields the base protocol has; any other line means the bytes are not a header. */
const FIELD_NAME = /^content-(?:length|type)$/i;

export type FramingProblem = (message: string) => void;

interface Body {
  header: Buffer;
  length: number;
  parts: Buffer[];
  received: number;
  /** The last bytes received (latin1: one character per byte), to find a header split across chunks. */
  tail: string;
}

export class FramingGuard extends Transform {
  /** Bytes where a header is expected (small: a header block, or the start of a chunk). */
  private head: Buffer = Buffer.alloc(0);
  private body: Body | undefined;

  constructor(private readonly onProblem: FramingProblem) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data: Buffer | undefined = chunk;
    while (data && data.length > 0) {
      if (this.body) {
        data = this.readBody(this.body, data);
      } else {
        this.head = this.head.length === 0 ? data : Buffer.concat([this.head, data]);
        data = this.readHeader();
      }
    }
    done();
  }

  /** Parses a header block at the start of `head`; returns the bytes after what it consumed, if any. */
  private readHeader(): Buffer | undefined {
    const end = this.head.indexOf(HEADER_END);
    if (end < 0) {
      if (this.head.length > MAX_HEADER_BYTES) return this.resync('bytes without a header');
      return undefined;
    }
    let length: number | undefined;
    for (const line of this.head.toString('latin1', 0, end).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0 || !FIELD_NAME.test(line.slice(0, colon))) return this.resync('bytes that are not a header');
      if (line.slice(0, colon).toLowerCase() !== 'content-length') continue;
      const value = line.slice(colon + 1).trim();
      if (!/^\d+$/.test(value) || Number(value) > MAX_BODY_BYTES) {
        return this.skip(end + HEADER_END.length, `a message with Content-Length ${JSON.stringify(value.slice(0, 30))}`);
      }
      length = Number(value);
    }
    if (length === undefined) return this.skip(end + HEADER_END.length, 'a message without Content-Length');
    const header = this.head.subarray(0, end + HEADER_END.length);
    const rest = this.head.subarray(header.length);
    this.head = Buffer.alloc(0);
    this.body = { header, length, parts: [], received: 0, tail: '' };
    // An empty body is complete at once, even when nothing follows yet.
    return length === 0 && rest.length === 0 ? this.readBody(this.body, rest) : rest;
  }

  /** Takes the body's bytes from `data`; returns what follows the body (or what a resync kept). */
  private readBody(body: Body, data: Buffer): Buffer | undefined {
    const needed = body.length - body.received;
    const own = data.subarray(0, needed);
    // A following header inside the declared body: the declared length ran past the message.
    const window = body.tail + own.toString('latin1');
    const found = NEXT_HEADER.exec(window);
    if (found) {
      this.body = undefined;
      const from = found.index - body.tail.length;
      this.report('a message whose Content-Length is larger than its body', body.header.length + body.received + Math.max(from, 0));
      return from >= 0 ? data.subarray(from) : Buffer.concat([Buffer.from(body.tail.slice(found.index), 'latin1'), data]);
    }
    body.parts.push(own);
    body.received += own.length;
    body.tail = window.slice(-OVERLAP);
    if (body.received < body.length) return undefined;
    this.body = undefined;
    this.push(Buffer.concat([body.header, ...body.parts]));
    return data.subarray(own.length);
  }

  /** Drops the first `count` bytes of `head`; returns the rest to read on. */
  private skip(count: number, what: string): Buffer | undefined {
    this.report(what, count);
    const rest = this.head.subarray(count);
    this.head = Buffer.alloc(0);
    return rest.length > 0 ? rest : undefined;
  }

  /** Drops `head` up to the next header after its first byte (or all but what could start one). */
  private resync(what: string): Buffer | undefined {
    const found = NEXT_HEADER.exec(this.head.toString('latin1', 1));
    return this.skip(found ? 1 + found.index : Math.max(1, this.head.length - OVERLAP), what);
  }

  private report(what: string, bytes: number): void {
    this.onProblem(`Dropped ${what} (${bytes} bytes): a message is "Content-Length: <bytes>", a blank line, then that many bytes of JSON.`);
  }
}
