import { closeSync, openSync, writeSync } from 'node:fs';

export interface RecordedCall {
  product: string;
  version: string;
  action: string;
  region: string | null;
  params: Record<string, unknown>;
  response?: unknown;
  error?: { code: string; message: string };
}

const FLUSH_AT = 4 * 1024 * 1024;

/**
 * Writes the snapshot JSON incrementally: the envelope, then one call at a time, flushing every few megabytes, so a
 * million-asset snapshot never exists in memory as one string. `toString()` is for the in-memory variant (tests).
 */
export class SnapshotWriter {
  private chunks: string[] = [];
  private pending = 0;
  private readonly memory: string[] | null;
  private readonly fd: number | null;
  calls = 0;
  bytes = 0;

  private constructor(fd: number | null, accountId: string, capturedAt: string) {
    this.fd = fd;
    this.memory = fd === null ? [] : null;
    this.push(`{"format":"alibaba-openapi-snapshot","version":1,"accountId":${JSON.stringify(accountId)},"capturedAt":${JSON.stringify(capturedAt)},"calls":[\n`);
  }

  static toFile(path: string, accountId: string, capturedAt: string): SnapshotWriter {
    return new SnapshotWriter(openSync(path, 'w'), accountId, capturedAt);
  }

  static inMemory(accountId: string, capturedAt: string): SnapshotWriter {
    return new SnapshotWriter(null, accountId, capturedAt);
  }

  write(call: RecordedCall): void {
    this.push(`${this.calls === 0 ? '' : ',\n'}${JSON.stringify(call)}`);
    this.calls += 1;
  }

  /** Closes the envelope and the file. */
  end(): void {
    this.push('\n]}\n');
    this.flush();
    if (this.fd !== null) closeSync(this.fd);
  }

  toString(): string {
    if (this.memory === null) throw new Error('written to a file');
    return this.memory.join('');
  }

  private push(text: string): void {
    this.chunks.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.pending = 0;
    if (this.memory !== null) {
      this.memory.push(text);
      this.bytes += Buffer.byteLength(text);
    } else if (this.fd !== null) {
      const buffer = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < buffer.length) offset += writeSync(this.fd, buffer, offset);
      this.bytes += buffer.length;
    }
  }
}
