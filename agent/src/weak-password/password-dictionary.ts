import * as fs from 'node:fs';
import * as path from 'node:path';

/** The shipped dictionary: agent/dictionary/common-passwords.txt (found from src/ and from dist/). */
export function defaultDictionaryPath(): string {
  const candidates = [path.join(__dirname, '..', '..', 'dictionary', 'common-passwords.txt'), path.join(__dirname, '..', 'dictionary', 'common-passwords.txt')];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

export function parseWordList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Dictionary words (shipped list, then the tenant's custom words), de-duplicated in order. */
export function loadDictionary(options: { dictionaryPath?: string; customWords?: readonly string[] } = {}): { words: string[]; customWords: number } {
  const base = parseWordList(fs.readFileSync(options.dictionaryPath ?? defaultDictionaryPath(), 'utf8'));
  const custom = (options.customWords ?? []).filter((w) => w !== '');
  return { words: [...new Set([...custom, ...base])], customWords: custom.length };
}

/** Cheap guesses derived from the account name (tried before the dictionary). */
export function usernameCandidates(account: string, hostname: string): string[] {
  const capitalised = account.charAt(0).toUpperCase() + account.slice(1);
  const reversed = [...account].reverse().join('');
  return [
    ...new Set([
      account, capitalised, account.toUpperCase(), `${account}${account}`, reversed,
      `${account}1`, `${account}12`, `${account}123`, `${account}1234`, `${account}@123`, `${capitalised}@123`, `${capitalised}123`,
      `${account}!`, `${account}2024`, `${account}2025`, `${account}2026`, hostname, `${hostname}123`,
    ]),
  ].filter((c) => c !== '');
}
