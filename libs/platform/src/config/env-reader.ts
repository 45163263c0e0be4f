/**
 * Reads environment variables into a typed config object, once, at boot. A missing or malformed
 * value stops the process with one line naming the variable (see `loadConfigOrExit`).
 */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export class EnvReader {
  constructor(private readonly env: Record<string, string | undefined>) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new ConfigError(name, 'is required');
  }

  optionalString(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got "${raw}"`);
    const value = Number(raw);
    if (range.min !== undefined && value < range.min) throw new ConfigError(name, `must be >= ${range.min}, got ${value}`);
    if (range.max !== undefined && value > range.max) throw new ConfigError(name, `must be <= ${range.max}, got ${value}`);
    return value;
  }

  url(name: string, fallback?: string, protocols?: string[]): string {
    const raw = this.string(name, fallback);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, `must be a URL, got "${redactUrl(raw)}"`);
    }
    if (protocols && !protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
    }
    return raw;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  }
}

/** Hides the password of a connection URL before it is printed. */
export function redactUrl(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Parses config with `parse`; on a ConfigError prints one line and exits with status 78 (EX_CONFIG). */
export function loadConfigOrExit<T>(service: string, parse: (env: EnvReader) => T, env = process.env): T {
  try {
    return parse(new EnvReader(env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
