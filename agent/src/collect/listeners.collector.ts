import * as fs from 'node:fs';
import { collected, unavailable, type ListenerFacts } from '@rampart/host-facts';
import type { Collector } from './collect-context';

const hexToIpv4 = (hex: string): string => {
  const n = parseInt(hex, 16);
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
};

const hexToIpv6 = (hex: string): string => {
  // four little-endian 32-bit words
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hexes = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hexes.join(':');
  return `${hexes.slice(0, bestStart).join(':')}::${hexes.slice(bestStart + bestLength).join(':')}`;
};

/** Parses /proc/net/{tcp,tcp6,udp,udp6}: TCP sockets in LISTEN (0A) and bound UDP sockets (07). */
export function parseProcNet(text: string, protocol: ListenerFacts['protocol']): { address: string; port: number; inode: string }[] {
  const result: { address: string; port: number; inode: string }[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10) continue;
    const [addressHex, portHex] = fields[1].split(':');
    const state = fields[3];
    if (protocol.startsWith('tcp') ? state !== '0A' : state !== '07') continue;
    result.push({ address: protocol.endsWith('6') ? hexToIpv6(addressHex) : hexToIpv4(addressHex), port: parseInt(portHex, 16), inode: fields[9] });
  }
  return result;
}

function socketOwners(deadline: number): Map<string, string> {
  const owners = new Map<string, string>();
  for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    if (Date.now() > deadline) break;
    try {
      const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(link);
        if (match !== null && !owners.has(match[1])) owners.set(match[1], comm);
      }
    } catch {
      // not ours to read, or gone
    }
  }
  return owners;
}

export const listenersCollector: Collector<'listeners'> = {
  name: 'listeners',
  keys: ['listeners'],
  collect: ({ reader, deadline }) => {
    if (!reader.live) return { listeners: unavailable('listening sockets exist only on a live host') };
    const owners = socketOwners(deadline);
    const listeners: ListenerFacts[] = [];
    const seen = new Set<string>();
    for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
      const text = reader.readText(`/proc/net/${protocol}`);
      if (text === null) continue;
      for (const socket of parseProcNet(text, protocol)) {
        const key = `${protocol} ${socket.address} ${socket.port}`;
        if (seen.has(key)) continue;
        seen.add(key);
        listeners.push({ protocol, address: socket.address, port: socket.port, process: owners.get(socket.inode) ?? null });
      }
    }
    return { listeners: collected(listeners) };
  },
};
