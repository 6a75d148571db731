import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

/**
 * Directory of the PostgreSQL server programs (initdb, postgres, pg_isready, createdb, psql): KITOS_POSTGRESQL_BIN_DIR,
 * else the newest /usr/lib/postgresql/<version>/bin (Debian's layout), else `pg_config --bindir`; installs Debian's
 * `postgresql` package through deploy/embedded-infra.sh when none is found (as root, like CI).
 */
export function postgresBinDir(): string {
  const found = findPostgresBinDir();
  if (found) return found;
  execFileSync('bash', [join(PROJECT_ROOT, 'deploy', 'embedded-infra.sh'), 'install', 'ferretdb'], {
    stdio: 'inherit',
    env: { ...process.env, KITOS_FERRETDB_BACKEND: 'postgresql', MONGODB_URI: '' },
  });
  const installed = findPostgresBinDir();
  if (!installed) throw new Error('PostgreSQL (initdb, postgres) could not be found or installed');
  return installed;
}

/** Whether PostgreSQL is here, or can be installed here (as root with apt-get, as deploy/embedded-infra.sh does). */
export function postgresAvailable(): boolean {
  return findPostgresBinDir() !== undefined || (process.getuid?.() === 0 && onPath('apt-get') !== undefined);
}

function findPostgresBinDir(): string | undefined {
  const configured = process.env.KITOS_POSTGRESQL_BIN_DIR;
  if (configured) return configured;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0], 'bin');
  }
  const pgConfig = onPath('pg_config');
  if (pgConfig) {
    const dir = execFileSync(pgConfig, ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  }
  return undefined;
}
