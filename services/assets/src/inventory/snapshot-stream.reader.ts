import type { AlibabaSnapshot, SnapshotCall, SnapshotLimits } from './snapshot.schema';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './snapshot.schema';
import { SnapshotInvalidError } from './snapshot-invalid.error';
import { checkCall, checkEnvelope, checkFormat, checkVersion, limitsOf } from './validate-snapshot';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Room for a call's envelope (product, action, params…) around its response body. */
const CALL_OVERHEAD_BYTES = 1024 * 1024;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

type Position = 'start' | 'first-key' | 'key' | 'colon' | 'member' | 'after-member' | 'first-call' | 'call' | 'after-call' | 'end';
type Target = 'key' | 'member' | 'call';

/**
 * Finds where one JSON value ends, across chunks, without parsing it: nesting depth outside strings, string
 * escapes, or the delimiter after a bare literal. The bytes are kept as views of the chunks until the value ends.
 */
class ValueScanner {
  pieces: Uint8Array[] = [];
  bytes = 0;
  private kind: 'container' | 'string' | 'literal' | null = null;
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** Consumes `chunk` from `from`; returns the index just past the value, or -1 when the value goes on. */
  scan(chunk: Uint8Array, from: number): number {
    let i = from;
    if (this.kind === null) {
      const first = chunk[i];
      this.kind = first === OPEN_OBJECT || first === OPEN_ARRAY ? 'container' : first === QUOTE ? 'string' : 'literal';
      if (this.kind === 'string') {
        this.inString = true;
        i++;
      }
    }
    const n = chunk.length;
    if (this.kind === 'literal') {
      while (i < n) {
        const byte = chunk[i];
        if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isWhitespace(byte)) return this.keep(chunk, from, i);
        i++;
      }
      return this.keep(chunk, from, -1);
    }
    for (; i < n; i++) {
      const byte = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.kind === 'string') return this.keep(chunk, from, i + 1);
        }
      } else if (byte === QUOTE) this.inString = true;
      else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) this.depth++;
      else if ((byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) && --this.depth === 0) return this.keep(chunk, from, i + 1);
    }
    return this.keep(chunk, from, -1);
  }

  text(): string {
    const whole = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces, this.bytes);
    return Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength).toString('utf8');
  }

  private keep(chunk: Uint8Array, from: number, end: number): number {
    const piece = chunk.subarray(from, end < 0 ? chunk.length : end);
    this.pieces.push(piece);
    this.bytes += piece.length;
    return end;
  }
}

/**
 * Reads a CONTRACT §4 snapshot from a byte stream one call at a time, so a snapshot larger than the biggest string
 * JavaScript can hold (a million assets is ~1 GiB) can be imported. Each call is parsed and checked as soon as its
 * last byte arrives, with the same checks, errors and limits as `parseSnapshot`: the first bad place is named
 * (`calls[N]…`, or `calls[N]` for a call that is not valid JSON) and nothing after it is read.
 */
export class SnapshotStreamReader {
  private readonly limits: SnapshotLimits;
  private position: Position = 'start';
  private scanner: ValueScanner | null = null;
  private target: Target = 'key';
  private key = '';
  private readonly envelope: Record<string, unknown> = {};
  private calls: SnapshotCall[] | null = null;
  private bytes = 0;

  constructor(limits?: Partial<SnapshotLimits>) {
    this.limits = limitsOf(limits);
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) {
      throw new SnapshotInvalidError('$', `the snapshot is over the limit of ${this.limits.maxBytes} bytes`);
    }
    let i = 0;
    while (i < chunk.length) {
      if (this.scanner !== null) {
        const end = this.scanner.scan(chunk, i);
        this.checkValueSize(this.scanner);
        if (end < 0) return;
        i = end;
        this.complete(this.scanner);
        continue;
      }
      const byte = chunk[i];
      if (isWhitespace(byte)) {
        i++;
        continue;
      }
      i += this.step(byte);
    }
  }

  end(): AlibabaSnapshot {
    if (this.scanner !== null || this.position !== 'end') {
      const at = this.calls !== null && this.position !== 'after-member' && this.position !== 'end' ? `calls[${this.calls.length}]` : '$';
      throw new SnapshotInvalidError(at, 'not valid JSON (unexpected end of input)');
    }
    if (this.calls === null) throw new SnapshotInvalidError('calls', 'must be an array of recorded calls');
    const { accountId, capturedAt } = checkEnvelope(this.envelope);
    return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, accountId, capturedAt, calls: this.calls };
  }

  /** Handles one structural byte between values; returns how many bytes it consumed (0: a value starts here). */
  private step(byte: number): number {
    switch (this.position) {
      case 'start':
        if (byte !== OPEN_OBJECT) throw new SnapshotInvalidError('$', 'a snapshot is a JSON object');
        this.position = 'first-key';
        return 1;
      case 'first-key':
        if (byte === CLOSE_OBJECT) {
          this.position = 'end';
          return 1;
        }
        return this.startValue(byte === QUOTE, 'key');
      case 'key':
        return this.startValue(byte === QUOTE, 'key');
      case 'colon':
        this.expect(byte === COLON);
        this.position = 'member';
        return 1;
      case 'member':
        if (this.key !== 'calls') return this.startValue(true, 'member');
        if (this.calls !== null) throw new SnapshotInvalidError('calls', 'appears twice');
        if (byte !== OPEN_ARRAY) throw new SnapshotInvalidError('calls', 'must be an array of recorded calls');
        this.calls = [];
        this.position = 'first-call';
        return 1;
      case 'after-member':
        this.expect(byte === COMMA || byte === CLOSE_OBJECT);
        this.position = byte === COMMA ? 'key' : 'end';
        return 1;
      case 'first-call':
        if (byte === CLOSE_ARRAY) {
          this.position = 'after-member';
          return 1;
        }
        return this.startValue(true, 'call');
      case 'call':
        return this.startValue(true, 'call');
      case 'after-call':
        this.expect(byte === COMMA || byte === CLOSE_ARRAY);
        this.position = byte === COMMA ? 'call' : 'after-member';
        return 1;
      case 'end':
        throw new SnapshotInvalidError('$', 'not valid JSON (unexpected data after the snapshot object)');
    }
  }

  private expect(ok: boolean): void {
    if (!ok) {
      const at = this.calls !== null && this.position === 'after-call' ? `calls[${this.calls.length}]` : '$';
      throw new SnapshotInvalidError(at, `not valid JSON (unexpected character at byte ${this.bytes})`);
    }
  }

  private startValue(ok: boolean, target: Target): number {
    this.expect(ok);
    this.target = target;
    this.scanner = new ValueScanner();
    return 0;
  }

  private checkValueSize(scanner: ValueScanner): void {
    if (this.target === 'call' && scanner.bytes > this.limits.maxResponseBytes + CALL_OVERHEAD_BYTES) {
      throw new SnapshotInvalidError(`calls[${this.calls!.length}].response`, `the body is over the limit of ${this.limits.maxResponseBytes} bytes`);
    }
    if (this.target !== 'call' && scanner.bytes > CALL_OVERHEAD_BYTES) {
      throw new SnapshotInvalidError(this.target === 'key' ? '$' : this.key, `over the limit of ${CALL_OVERHEAD_BYTES} bytes`);
    }
  }

  private complete(scanner: ValueScanner): void {
    this.scanner = null;
    const path = this.target === 'call' ? `calls[${this.calls!.length}]` : this.target === 'member' ? this.key : '$';
    let value: unknown;
    try {
      value = JSON.parse(scanner.text());
    } catch (error) {
      throw new SnapshotInvalidError(path, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (this.target === 'key') {
      this.key = value as string;
      this.position = 'colon';
    } else if (this.target === 'member') {
      this.envelope[this.key] = value;
      if (this.key === 'format') checkFormat(value);
      if (this.key === 'version') checkVersion(value);
      this.position = 'after-member';
    } else {
      const calls = this.calls!;
      if (calls.length >= this.limits.maxCalls) {
        throw new SnapshotInvalidError('calls', `more than ${this.limits.maxCalls} calls, over the limit`);
      }
      calls.push(checkCall(value, calls.length, this.limits).call);
      this.position = 'after-call';
    }
  }
}

/** Reads a whole snapshot from a byte stream (a file, an HTTP request body); see SnapshotStreamReader. */
export async function readSnapshotStream(source: AsyncIterable<Uint8Array>, limits?: Partial<SnapshotLimits>): Promise<AlibabaSnapshot> {
  const reader = new SnapshotStreamReader(limits);
  for await (const chunk of source) reader.push(chunk);
  return reader.end();
}
