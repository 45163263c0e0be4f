import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, TENANT_DATABASE, TenantDatabase } from '@rampart/platform';

const MAX_WORDS = 10_000;
const MAX_WORD_LENGTH = 128;

/**
 * The tenant's own dictionary words (company names, product names, local habits). The agent fetches them before it
 * tests password hashes on the host, next to its shipped dictionary; the words never meet a hash on the server.
 */
@Injectable()
export class WeakPasswordWordsService {
  constructor(@Inject(TENANT_DATABASE) private readonly database: TenantDatabase) {}

  async words(tenantId: string): Promise<string[]> {
    return this.database.run(tenantId, async (manager) => {
      const [row] = (await manager.query('SELECT words FROM weak_password_words')) as Array<{ words: string[] }>;
      return row?.words ?? [];
    });
  }

  /** Replaces the tenant's words (duplicates dropped, order kept); an empty list removes them. */
  async replace(tenantId: string, words: readonly string[]): Promise<string[]> {
    if (words.length > MAX_WORDS) throw new BadUserInputError(`words may list at most ${MAX_WORDS} entries`, 'words');
    words.forEach((word, index) => {
      if (word.length === 0 || word.length > MAX_WORD_LENGTH || /[\n\r\0]/.test(word)) {
        throw new BadUserInputError(`words[${index}] must be 1 to ${MAX_WORD_LENGTH} characters on one line`, `words[${index}]`);
      }
    });
    const unique = [...new Set(words)];
    return this.database.run(tenantId, async (manager) => {
      await manager.query(
        `INSERT INTO weak_password_words (tenant_id, words, updated_at) VALUES (current_setting('rampart.tenant_id', true), $1, now())
         ON CONFLICT (tenant_id) DO UPDATE SET words = EXCLUDED.words, updated_at = now()`,
        [unique],
      );
      return unique;
    });
  }
}
