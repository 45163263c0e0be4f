import { collected, type PamFacts, type PamLine } from '@rampart/host-facts';
import type { Collector } from './collect-context';
import { activeLines } from './config-text.parser';
import type { HostReader } from './host.reader';

const TYPES = new Set(['auth', 'account', 'password', 'session']);

/** Splits a PAM line into words, keeping `[...]` controls and args as one word. */
function words(text: string): string[] {
  const result: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    let j = i;
    let depth = 0;
    while (j < text.length && (depth > 0 || !/\s/.test(text[j]))) {
      if (text[j] === '[') depth++;
      if (text[j] === ']') depth--;
      j++;
    }
    result.push(text.slice(i, j));
    i = j;
  }
  return result;
}

export function parsePamFile(text: string, file: string): PamLine[] {
  const lines: PamLine[] = [];
  for (const { line, text: entry } of activeLines(text)) {
    const w = words(entry);
    if (w[0] === '@include' && w[1] !== undefined) {
      lines.push({ file, line, type: 'include', control: w[1], module: '', args: [], optional: false });
      continue;
    }
    const optional = w[0]?.startsWith('-') ?? false;
    const type = (w[0] ?? '').replace(/^-/, '');
    if (!TYPES.has(type) || w.length < 3) continue;
    lines.push({ file, line, type: type as PamLine['type'], control: w[1], module: w[2].replace(/^.*\//, ''), args: w.slice(3), optional });
  }
  return lines;
}

export function collectPam(reader: HostReader): PamFacts {
  const services: Record<string, readonly PamLine[]> = {};
  for (const name of reader.list('/etc/pam.d')) {
    const file = `/etc/pam.d/${name}`;
    const text = reader.readText(file);
    if (text !== null) services[name] = parsePamFile(text, file);
  }
  return { services };
}

export const pamCollector: Collector<'pam'> = {
  name: 'pam',
  keys: ['pam'],
  collect: ({ reader }) => ({ pam: collected(collectPam(reader)) }),
};
