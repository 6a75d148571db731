import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ESLINT = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

/**
 * Lints `code` as if it were the file `path` with the project's own configuration (eslint.config.mjs), through
 * ESLint's command line reading standard input, so no fixture file lands in the tree. The import targets are real
 * files, resolved by the project's resolver.
 */
function lint(path: string, code: string): LintMessage[] {
  const run = spawnSync(process.execPath, [ESLINT, '--format', 'json', '--stdin', '--stdin-filename', path], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed (${run.status}): ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as Array<{ messages: LintMessage[] }>;
  return result.messages;
}

const boundaryErrors = (messages: LintMessage[]) => messages.filter((m) => m.ruleId === 'boundaries/dependencies' && m.severity === 2);

describe('ESLint import boundaries (eslint.config.mjs)', () => {
  it('refuses a service importing another service', () => {
    const messages = lint(
      'services/gdpr/src/dpr/boundary-fixture.ts',
      "import { RpcClient } from '../../../gateway/src/rpc/rpc-client';\nexport const client = RpcClient;\n",
    );
    expect(boundaryErrors(messages)).toEqual([expect.objectContaining({ message: expect.stringContaining('service:gateway') })]);
  });

  it('refuses a library importing a service', () => {
    const messages = lint(
      'libs/common/src/boundary-fixture.ts',
      "import { startCatalog } from '../../../services/catalog/src/main';\nexport const start = startCatalog;\n",
    );
    expect(boundaryErrors(messages)).toEqual([expect.objectContaining({ message: expect.stringContaining('service:catalog') })]);
  });

  it('lets a service import libraries (by alias) and its own files, and tests import anything', () => {
    const service = lint(
      'services/gdpr/src/dpr/boundary-fixture.ts',
      "import { NatsRpcClient } from '@kitos/messaging';\nimport { DprService } from './dpr.service';\nexport const both = [NatsRpcClient, DprService];\n",
    );
    const test = lint(
      'test/e2e/boundary-fixture.ts',
      "import { startCatalog } from '../../services/catalog/src/main';\nimport { startGdpr } from '../../services/gdpr/src/main';\nexport const both = [startCatalog, startGdpr];\n",
    );
    expect(boundaryErrors(service)).toEqual([]);
    expect(boundaryErrors(test)).toEqual([]);
  });
});
