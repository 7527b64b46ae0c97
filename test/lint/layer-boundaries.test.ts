/**
 * The one-way flow is enforced by `npm run lint`: each cross-layer import the architecture forbids is
 * reported by the real ESLint configuration (eslint.config.js), and the imports it allows are not.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

const eslint = new ESLint({ cwd: REPO_ROOT });

/** The messages ESLint gives for `source` as if it were the file `file` of the repository. */
async function lint(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(REPO_ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/boundaries' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: the one-way flow', () => {
  it.each([
    ['db/demo-x.ts', "import { scoreClient } from '../model/scoring/client-scoring.js';", /db\/ may import only/],
    ['db/import/x.ts', "import { buildDemoDatabase } from '../../demo/demo-database.js';", /db\/ may import only/],
    ['model/governance/x.ts', "import { fail } from '../../cli/cli-error.js';", /model\/ may import only/],
    ['model/scoring/x.ts', "import { DomainError } from '../../electron/shared/errors.js';", /model\/ may import only|never depend on the desktop shell/],
    ['model/x.ts', "import { writeDemoActivity } from '../demo/demo-activity.js';", /model\/ may import only/],
    ['model/x.ts', "import { app } from 'electron';", /never import Electron/],
    ['renderer/src/api/x.ts', "import { createPreviewTransport } from '../../../electron/preview/preview-transport';", /renderer\/ may import only/],
    ['renderer/src/pages/x.ts', "import { policy } from '../../../model/governance/policy';", /renderer\/ may import only/],
    ['renderer/src/x.ts', "import fs from 'node:fs';", /never imports Node modules/],
    ['electron/preview/x.ts', "import { renderPdf } from '../../cli/x.js';", /electron\/preview\/ may import only/],
    ['electron/main/x.ts', "import { run } from '../../cli/octroi.js';", /electron\/main\/ may import only/],
    ['electron/shared/x.ts', "import { openDatabase } from '../../db/open-database.js';", /electron\/shared\/ may import only/],
    ['bench/x.ts', "import { FIXTURE_DIR } from '../test/support/paths.js';", /only tests import test\//],
    ['cli/x.ts', "import { tempDir } from '../test/support/paths.js';", /only tests import test\//],
    ['model/x.ts', "import { percentile } from '../bench/bench-result.js';", /model\/ may import only/],
    ['electron/main/x.ts', "import { syntheticSample } from '../../bench/bench-data.js';", /electron\/main\/ may import only/],
  ])('%s: %s is refused', async (file, source, message) => {
    const messages = await lint(file, source);
    expect(messages.some((m) => message.test(m)), messages.join('\n') || 'no message').toBe(true);
  });

  it.each([
    ['model/scoring/x.ts', "import { openDatabase } from '../../db/open-database.js';"],
    ['demo/x.ts', "import { ScoringEngine } from '../model/scoring/scoring-engine.js';"],
    ['electron/main/x.ts', "import { buildDemoDatabase } from '../../demo/demo-database.js';"],
    ['renderer/src/pages/model/x.ts', "import { thing } from '../model/other';"],
    ['renderer/src/x.ts', "import type { Api } from '../../electron/shared/contract';"],
    ['test/x.test.ts', "import { buildDemoDatabase } from '../demo/demo-database.js';"],
    ['cli/commands/x.ts', "import { buildDemoDatabase } from '../../demo/demo-database.js';"],
    ['test/x.test.ts', "import { percentile } from '../bench/bench-result.js';"],
    ['bench/x.ts', "import { percentile } from './bench-result.js';"],
  ])('%s: %s is allowed', async (file, source) => {
    expect(await lint(file, source)).toEqual([]);
  });
});
