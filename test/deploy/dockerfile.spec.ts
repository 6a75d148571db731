/**
 * The Dockerfile, checked without a container engine: its stages and instructions, that its build inputs exist and
 * are not excluded by .dockerignore, that the compiled entry it starts is where the build puts it, that the runtime
 * code only needs production dependencies, and that its HEALTHCHECK command really tells a live process from a dead one.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { ROOT, memoryBytes, serviceNames } from './support';

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}
interface Stage {
  readonly name: string;
  readonly from: string;
  readonly instructions: Instruction[];
}

function parseDockerfile(text: string): { globalArgs: Instruction[]; stages: Stage[] } {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\w+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ name: name ?? String(stages.length), from, instructions: [] });
    } else if (stages.length) stages[stages.length - 1].instructions.push(instruction);
    else globalArgs.push(instruction);
  }
  return { globalArgs, stages };
}

const DOCKERFILE = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = DOCKERFILE.stages[DOCKERFILE.stages.length - 1];
const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const one = (stage: Stage, keyword: string) => {
  const found = all(stage, keyword);
  expect([keyword, found.length]).toEqual([keyword, 1]);
  return found[0];
};

/** The HEALTHCHECK command's node -e script. */
function healthcheckScript(): string {
  const args = one(runtime, 'HEALTHCHECK');
  const json = /\bCMD\s+(\[.*\])\s*$/.exec(args);
  expect(json).not.toBeNull();
  const command = JSON.parse(json![1]) as string[];
  expect(command.slice(0, 2)).toEqual(['node', '-e']);
  return command[2];
}

function runHealthcheck(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', healthcheckScript()], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

function dockerignoreMatches(path: string): boolean {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  let ignored = false;
  const parts = path.split('/');
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = (negate ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    const regex = new RegExp(
      `^${pattern
        .split('/')
        .map((part) =>
          part === '**'
            ? '.*'
            : part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?')}$`,
    );
    // a pattern excludes the path itself or any directory above it
    if (parts.some((_, i) => regex.test(parts.slice(0, i + 1).join('/')))) ignored = !negate;
  }
  return ignored;
}

describe('Dockerfile', () => {
  it('is multi-stage with a SERVICE build argument, and the runtime stage starts from the same slim Node 22 LTS base', () => {
    expect(DOCKERFILE.stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    const base = DOCKERFILE.globalArgs.find((a) => a.keyword === 'ARG' && a.args.startsWith('NODE_IMAGE='))?.args;
    expect(base).toMatch(/^NODE_IMAGE=node:22[\w.-]*-slim$/);
    for (const stage of DOCKERFILE.stages) expect(stage.from).toBe('${NODE_IMAGE}');
    for (const stage of DOCKERFILE.stages.slice(1)) expect(all(stage, 'ARG')).toContain('SERVICE');
  });

  it('installs only production dependencies into the runtime image', () => {
    const deps = DOCKERFILE.stages.find((s) => s.name === 'deps')!;
    expect(all(deps, 'RUN').join(' ')).toMatch(/npm ci --omit=dev\b/);
    const copies = all(runtime, 'COPY');
    const nodeModules = copies.filter((c) => /\bnode_modules\b/.test(c));
    expect(nodeModules).toEqual([expect.stringMatching(/--from=deps\b/)]);
    expect(all(runtime, 'RUN').join(' ')).not.toMatch(/npm (ci|install)/);
  });

  it('runs as a numeric non-root user, with NODE_ENV=production, node as the command and a heap that fits 512Mi', () => {
    expect(one(runtime, 'USER')).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    const env = all(runtime, 'ENV').join(' ');
    expect(env).toMatch(/NODE_ENV=production/);
    const heap = Number(/--max-old-space-size=(\d+)/.exec(env)?.[1]);
    expect((heap * 2 ** 20) / memoryBytes('512Mi')).toBeLessThanOrEqual(0.8);
    expect(JSON.parse(one(runtime, 'CMD'))).toEqual(['node', '/app/main.js']);
    expect(one(runtime, 'STOPSIGNAL')).toBe('SIGTERM');
  });

  it('copies only build inputs that exist and that .dockerignore lets through', () => {
    const sources = DOCKERFILE.stages
      .flatMap((stage) => all(stage, 'COPY'))
      .filter((c) => !c.includes('--from='))
      .flatMap((c) =>
        c
          .replace(/--\S+\s+/g, '')
          .split(/\s+/)
          .slice(0, -1),
      );
    expect(sources.sort()).toEqual([
      'deploy/seed/kle',
      'libs',
      'package-lock.json',
      'package-lock.json',
      'package.json',
      'package.json',
      'services',
      'tsconfig.build.json',
      'tsconfig.json',
      'web',
    ]);
    for (const source of sources) {
      expect([source, existsSync(join(ROOT, source))]).toEqual([source, true]);
      expect([source, dockerignoreMatches(source)]).toEqual([source, false]);
    }
    for (const kept of ['libs/config/src/load-config.ts', 'services/catalog/src/main.ts']) expect(dockerignoreMatches(kept)).toBe(false);
    for (const dropped of [
      'node_modules',
      'libs/x/node_modules/y',
      'dist',
      '.git',
      '.env',
      'k8s/base',
      'libs/config/src/load-config.spec.ts',
    ]) {
      expect([dropped, dockerignoreMatches(dropped)]).toEqual([dropped, true]);
    }
  });

  it('starts dist/services/${SERVICE}/src/main.js, where `npm run build` puts each service entry', () => {
    const buildConfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));
    const baseConfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(buildConfig.compilerOptions.rootDir).toBe('./');
    expect(buildConfig.compilerOptions.outDir ?? baseConfig.compilerOptions.outDir).toBe('./dist');
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.build).toMatch(/tsc -p tsconfig\.build\.json && tsc-alias/);
    expect(all(runtime, 'RUN').join(' ')).toContain('ln -s "dist/services/${SERVICE}/src/main.js" /app/main.js');
    for (const service of serviceNames()) expect(existsSync(join(ROOT, 'services', service, 'src', 'main.ts'))).toBe(true);
    // the build stage reads the default port from the compiled config library
    expect(readFileSync(join(ROOT, 'libs/config/src/load-config.ts'), 'utf8')).toMatch(/export const DEFAULT_HTTP_PORTS/);
  });

  it('needs only production dependencies at run time (every package imported by services/ and libs/ code)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const production = new Set(Object.keys(pkg.dependencies ?? {}));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    // libraries that `npm run build` leaves out (tsconfig.build.json) are not in the image: the test helpers and the
    // generated API client (for the web client and the tests)
    const buildExcludes: string[] = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')).exclude;
    const notBuilt = ['testing', 'api-client'].map((lib) => join('libs', lib));
    for (const dir of notBuilt) expect(buildExcludes).toContain(`${dir}/**`);
    const files = [...walk(join(ROOT, 'services')), ...walk(join(ROOT, 'libs'))].filter(
      (f) => f.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(f) && !notBuilt.some((dir) => f.includes(dir)),
    );
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const imports = [
        ...[...text.matchAll(/^\s*import\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]),
        ...[...text.matchAll(/^\s*export\s+(?!type\b)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
        ...[...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
      ];
      for (const specifier of imports) {
        if (specifier.startsWith('.') || specifier.startsWith('@kitos/') || builtins.has(specifier)) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!production.has(name)) problems.push(`${file.slice(ROOT.length + 1)} imports ${specifier}: not in "dependencies"`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the HEALTHCHECK command', () => {
  let server: Server;
  let port: number;
  let status = 200;
  let paths: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.statusCode = status;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    status = 200;
    paths = [];
  });

  it('succeeds when /health/live answers 200 on HTTP_PORT', async () => {
    expect(await runHealthcheck({ KITOS_SERVICE: 'catalog', HTTP_PORT: String(port) })).toBe(0);
    expect(paths).toEqual(['/health/live']);
  });

  it('uses PORT for the gateway', async () => {
    expect(await runHealthcheck({ KITOS_SERVICE: 'gateway', PORT: String(port) })).toBe(0);
    expect(paths).toEqual(['/health/live']);
  });

  it('fails on an error status and when nothing listens', async () => {
    status = 503;
    expect(await runHealthcheck({ KITOS_SERVICE: 'catalog', HTTP_PORT: String(port) })).toBe(1);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unused = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await runHealthcheck({ KITOS_SERVICE: 'catalog', HTTP_PORT: String(unused) })).toBe(1);
  });
});
