import { Socket } from 'node:net';
import type { ListenerFacts, ServiceCredentialVerdict } from '@rampart/host-facts';

/**
 * Read-only login probes of the database servers running on this host: one connection per listener, on the host
 * itself, with no password at all (never a dictionary over the wire: that would be noisy and could lock accounts).
 * A server that lets its superuser in without a password is weak whatever its configuration files say.
 */
export interface LiveProbeOptions {
  readonly deadline: number;
  /** Per-connection timeout. */
  readonly timeoutMs?: number;
}

type Service = ServiceCredentialVerdict['service'];

const SERVICE_OF_PROCESS: ReadonlyArray<readonly [RegExp, Service]> = [
  [/^(mariadbd|mysqld)$/, 'mysql'],
  [/^postgres$/, 'postgresql'],
  [/^redis-server$/, 'redis'],
];

/** A connection that hands out whole replies: the bytes received so far, awaited until `complete` accepts them. */
class ProbeConnection {
  private readonly socket = new Socket();
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  private closed = false;

  constructor(
    readonly host: string,
    readonly port: number,
    timeoutMs: number,
  ) {
    this.socket.setTimeout(timeoutMs, () => this.socket.destroy(new Error('timed out')));
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    this.socket.on('error', () => undefined);
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.connect(this.port, this.host, () => {
        this.socket.off('error', reject);
        resolve();
      });
    });
  }

  write(data: Buffer): void {
    this.socket.write(data);
  }

  /** Waits until `length(buffer)` returns a size, then takes that many bytes. */
  async take(length: (buffer: Buffer) => number | null): Promise<Buffer> {
    for (;;) {
      const size = length(this.buffer);
      if (size !== null && this.buffer.length >= size) {
        const taken = this.buffer.subarray(0, size);
        this.buffer = this.buffer.subarray(size);
        return taken;
      }
      if (this.closed) throw new Error('connection closed');
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = null;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

const mysqlPacketLength = (b: Buffer): number | null => (b.length < 4 ? null : 4 + b.readUIntLE(0, 3));

function mysqlPacket(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header[3] = sequence;
  return Buffer.concat([header, payload]);
}

/** The MySQL protocol v10 handshake as `user` with an empty password: true when the server answers OK. */
async function mysqlEmptyPasswordLogin(connection: ProbeConnection, user: string): Promise<boolean> {
  const greeting = await connection.take(mysqlPacketLength);
  if (greeting[4] !== 10) throw new Error('not a MySQL protocol v10 greeting');
  // CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH
  const capabilities = 0x1 | 0x200 | 0x8000 | 0x80000;
  const fixed = Buffer.alloc(32);
  fixed.writeUInt32LE(capabilities, 0);
  fixed.writeUInt32LE(16 * 1024 * 1024, 4);
  fixed[8] = 33;
  const response = Buffer.concat([fixed, Buffer.from(`${user}\0`), Buffer.from([0]), Buffer.from('mysql_native_password\0')]);
  connection.write(mysqlPacket(1, response));
  for (let round = 0; round < 3; round++) {
    const reply = await connection.take(mysqlPacketLength);
    if (reply[4] === 0x00) {
      connection.write(mysqlPacket(0, Buffer.from([0x01]))); // COM_QUIT
      return true;
    }
    // ERR, or a plugin that wants more than an empty answer: not a password-less login.
    if (reply[4] !== 0xfe) return false;
    // Auth switch: an empty password answers any plugin's challenge with nothing.
    connection.write(mysqlPacket(reply[3]! + 1, Buffer.alloc(0)));
  }
  return false;
}

const postgresMessageLength = (b: Buffer): number | null => (b.length < 5 ? null : 1 + b.readUInt32BE(1));

/** A PostgreSQL startup as `user` without any password: true when the server authenticates it outright (trust). */
async function postgresPasswordlessLogin(connection: ProbeConnection, user: string): Promise<boolean> {
  const parameters = Buffer.from(`user\0${user}\0database\0postgres\0\0`);
  const startup = Buffer.alloc(8);
  startup.writeUInt32BE(8 + parameters.length, 0);
  startup.writeUInt32BE(196608, 4); // protocol 3.0
  connection.write(Buffer.concat([startup, parameters]));
  const reply = await connection.take(postgresMessageLength);
  const trusted = reply[0] === 0x52 && reply.readUInt32BE(5) === 0; // AuthenticationOk
  if (trusted) connection.write(Buffer.from([0x58, 0, 0, 0, 4])); // Terminate
  return trusted;
}

const redisLineLength = (b: Buffer): number | null => {
  const end = b.indexOf('\r\n');
  return end < 0 ? null : end + 2;
};

/** PING without AUTH: true when Redis answers it (no password required). */
async function redisAnswersWithoutAuth(connection: ProbeConnection): Promise<boolean> {
  connection.write(Buffer.from('*1\r\n$4\r\nPING\r\n'));
  const reply = (await connection.take(redisLineLength)).toString('latin1');
  connection.write(Buffer.from('*1\r\n$4\r\nQUIT\r\n'));
  return reply.startsWith('+PONG');
}

/** Where to reach a listener from this host: its own address, or loopback when it listens on all of them. */
function localTarget(listener: ListenerFacts): string {
  if (listener.address === '0.0.0.0') return '127.0.0.1';
  if (listener.address === '::') return '::1';
  return listener.address.replace(/^::ffff:/, '');
}

async function probe(listener: ListenerFacts, service: Service, timeoutMs: number): Promise<ServiceCredentialVerdict | null> {
  const host = localTarget(listener);
  const source = `tcp://${host.includes(':') ? `[${host}]` : host}:${listener.port}`;
  const connection = new ProbeConnection(host, listener.port, timeoutMs);
  try {
    await connection.connect();
    switch (service) {
      case 'mysql': {
        const weak = await mysqlEmptyPasswordLogin(connection, 'root');
        return { service, account: 'root', weak, ...(weak ? { reason: 'empty' as const } : {}), source, detail: weak ? 'the running server let root log in with an empty password' : 'the running server refused root with an empty password' };
      }
      case 'postgresql': {
        const weak = await postgresPasswordlessLogin(connection, 'postgres');
        return { service, account: 'postgres', weak, ...(weak ? { reason: 'trust-authentication' as const } : {}), source, detail: weak ? 'the running server let postgres log in without a password' : 'the running server asked postgres for credentials' };
      }
      case 'redis': {
        const weak = await redisAnswersWithoutAuth(connection);
        return { service, account: 'default', weak, ...(weak ? { reason: 'no-password' as const } : {}), source, detail: weak ? 'the running server answered PING without AUTH' : 'the running server requires AUTH' };
      }
    }
  } catch {
    // Not the protocol we expected, or gone meanwhile: no verdict rather than a guess.
    return null;
  } finally {
    connection.close();
  }
}

/** Probes each TCP listener of a MySQL/MariaDB, PostgreSQL or Redis server process once (IPv4 preferred). */
export async function probeLiveServices(listeners: readonly ListenerFacts[], options: LiveProbeOptions): Promise<ServiceCredentialVerdict[]> {
  const targets = new Map<string, { listener: ListenerFacts; service: Service }>();
  const tcp = listeners.filter((l) => l.protocol === 'tcp' || l.protocol === 'tcp6').sort((a, b) => a.protocol.localeCompare(b.protocol));
  for (const listener of tcp) {
    const service = SERVICE_OF_PROCESS.find(([pattern]) => pattern.test(listener.process ?? ''))?.[1];
    const key = `${service}:${listener.port}`;
    if (service !== undefined && !targets.has(key)) targets.set(key, { listener, service });
  }
  const verdicts: ServiceCredentialVerdict[] = [];
  for (const { listener, service } of targets.values()) {
    const left = options.deadline - Date.now();
    if (left <= 0) break;
    const verdict = await probe(listener, service, Math.min(options.timeoutMs ?? 2000, left));
    if (verdict !== null) verdicts.push(verdict);
  }
  return verdicts;
}
