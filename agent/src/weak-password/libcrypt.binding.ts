import koffi from 'koffi';

const CRYPT_DATA_SIZE = 32768;
const LIBRARY_NAMES = ['libcrypt.so.1', 'libcrypt.so.2', 'libcrypt.so'];

type CryptRn = ((phrase: string, setting: string, data: Buffer, size: number) => string | null) & {
  async: (phrase: string, setting: string, data: Buffer, size: number, callback: (error: unknown, result: string | null) => void) => void;
};
type GensaltRn = (prefix: string, count: number, rbytes: null, nrbytes: number, output: Buffer, size: number) => string | null;

/**
 * The system libcrypt (libxcrypt on Debian) through koffi: whatever hash methods it supports (yescrypt, sha512crypt,
 * sha256crypt, md5crypt, bcrypt, DES) are verified exactly as PAM does. `crypt_rn` with a buffer per lane is
 * thread-safe, so checks can run on koffi's worker threads in parallel.
 */
export class Libcrypt {
  private constructor(
    readonly library: string,
    private readonly cryptRn: CryptRn,
    private readonly gensaltRn: GensaltRn | null,
  ) {}

  /** Loads the first libcrypt found; throws when none can be loaded. */
  static load(): Libcrypt {
    const errors: string[] = [];
    for (const name of LIBRARY_NAMES) {
      try {
        const lib = koffi.load(name);
        const cryptRn = lib.func('char *crypt_rn(const char *phrase, const char *setting, _Inout_ uint8_t *data, int size)') as unknown as CryptRn;
        let gensaltRn: GensaltRn | null = null;
        try {
          gensaltRn = lib.func('char *crypt_gensalt_rn(const char *prefix, unsigned long count, const char *rbytes, int nrbytes, _Inout_ uint8_t *output, int size)') as unknown as GensaltRn;
        } catch {
          gensaltRn = null;
        }
        return new Libcrypt(name, cryptRn, gensaltRn);
      } catch (error) {
        errors.push(`${name}: ${(error as Error).message}`);
      }
    }
    throw new Error(`no usable libcrypt (${errors.join('; ')})`);
  }

  /** A fresh per-lane work area for crypt_rn. */
  static workArea(): Buffer {
    return Buffer.alloc(CRYPT_DATA_SIZE);
  }

  crypt(phrase: string, setting: string, workArea: Buffer = Libcrypt.workArea()): string | null {
    const result = this.cryptRn(phrase, setting, workArea, CRYPT_DATA_SIZE);
    return result === null || result.startsWith('*') ? null : result;
  }

  cryptAsync(phrase: string, setting: string, workArea: Buffer): Promise<string | null> {
    return new Promise((resolve, reject) => {
      this.cryptRn.async(phrase, setting, workArea, CRYPT_DATA_SIZE, (error, result) => {
        if (error !== null && error !== undefined) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result === null || result.startsWith('*') ? null : result);
      });
    });
  }

  /** Whether this libcrypt can compute hashes of the given stored form (unsupported methods return `*0`/`*1`). */
  supports(storedHash: string): boolean {
    return this.crypt('rampart-probe', storedHash) !== null;
  }

  /** A new hash of `phrase` with a random salt for the method prefix (`$y$`, `$6$`, `$5$`, `$1$`). */
  hash(phrase: string, prefix: '$y$' | '$6$' | '$5$' | '$1$' | '$2b$'): string {
    if (this.gensaltRn === null) throw new Error(`${this.library} has no crypt_gensalt_rn`);
    const output = Buffer.alloc(256);
    const setting = this.gensaltRn(prefix, 0, null, 0, output, output.length);
    if (setting === null) throw new Error(`${this.library} cannot generate a ${prefix} salt`);
    const hashed = this.crypt(phrase, setting);
    if (hashed === null) throw new Error(`${this.library} cannot hash with ${prefix}`);
    return hashed;
  }
}
