import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '../../..');
const TOOLS_BIN = join(PROJECT_ROOT, '.tools', 'bin');

function onPath(name: string): string | undefined {
  try {
    return execFileSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Path of a project tool (nats-server, ferretdb): the project-local copy, else one on PATH, else installs it. */
export function toolPath(name: 'nats-server' | 'ferretdb'): string {
  const local = join(TOOLS_BIN, name);
  if (existsSync(local)) return local;
  const found = onPath(name);
  if (found) return found;
  execFileSync('bash', [join(PROJECT_ROOT, 'deploy', 'embedded-infra.sh'), 'install'], { stdio: 'inherit' });
  if (!existsSync(local)) throw new Error(`${name} could not be installed into ${TOOLS_BIN}`);
  return local;
}
