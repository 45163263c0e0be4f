// Regenerates proto/gen from proto/schemas with buf and the local protoc-gen-es plugin.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
rmSync(join(root, 'proto', 'gen'), { recursive: true, force: true });
execFileSync(join(bin, 'buf'), ['generate'], { cwd: join(root, 'proto'), env, stdio: 'inherit' });
