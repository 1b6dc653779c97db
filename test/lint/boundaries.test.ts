// The architecture's import boundaries are enforced by lint: these cases must be refused.
import { ESLint } from 'eslint';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('import boundaries', () => {
  it('refuses Node built-ins and Electron in shared/', async () => {
    expect(await restrictedImportErrors('shared/example.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('shared/example.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('shared/example.ts', 'export const w = window.innerWidth;\n')).toHaveLength(1);
  });

  it('refuses Node, Electron and the core in renderer/', async () => {
    expect(await restrictedImportErrors('renderer/src/x.ts', "import path from 'path';\nexport const a = path;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(
      await restrictedImportErrors('renderer/src/x.ts', "import { openCacheDatabase } from '../../electron/core/db/open-cache-database';\nexport const a = openCacheDatabase;\n"),
    ).toHaveLength(1);
  });

  it('refuses electron in the core, allows it in the window and preload files', async () => {
    expect(await restrictedImportErrors('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
    expect(await restrictedImportErrors('shared/example.ts', "import { z } from 'zod';\nexport const a = z;\n")).toHaveLength(0);
  });
});

// The import-graph rules (scripts/lint/import-rules.mjs, run by `npm run lint` through dependency-cruiser's
// CLI) on a small tree of real files written for the purpose: each refusal below is a real import there.
describe('import graph: pages, layers and cycles', () => {
  const repo = path.resolve(__dirname, '../..');
  const files: Record<string, string> = {
    'tsconfig.json': '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "Bundler", "strict": true } }\n',
    'renderer/src/pages/scaling/fit-view.ts': 'export const fit = 1;\n',
    'renderer/src/pages/review/review-page.ts': "import { fit } from '../scaling/fit-view';\nexport const page = fit;\n",
    'renderer/src/pages/review/slides/slide.ts': "import { page } from '../review-page';\nimport { chart } from '../../../components/chart';\nexport const slide = page + chart;\n",
    'renderer/src/components/chart.ts': 'export const chart = 1;\n',
    'renderer/src/components/legend.ts': "import { fit } from '../pages/scaling/fit-view';\nexport const legend = fit;\n",
    'shared/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
    'shared/b.ts': "import type { a } from './a';\nexport const b: typeof a | null = null;\n",
    'electron/core/reader.ts': "import { route } from '../server/route';\nexport const reader = route;\n",
    'electron/server/route.ts': 'export const route = 1;\n',
    // electron/core's own layers: sync is below api, api below host.
    'electron/core/api/slice.ts': "import { started } from '../host/service';\nexport const slice = started;\n",
    'electron/core/host/service.ts': "import { slice } from '../api/slice';\nexport const started = () => slice;\n",
    'electron/core/sync/pass.ts': "import { reader } from '../reader';\nexport const pass = reader;\n",
    'electron/core/sync/reads-up.ts': "import type { slice } from '../api/slice';\nexport const up: typeof slice | null = null;\n",
    // Issue #17 removed the core's known cycles: one through these files is refused like any other.
    'electron/core/sync/metrics-read.ts': "import { context } from './sync-context';\nexport const read = () => context;\n",
    'electron/core/sync/sync-context.ts': "import { read } from './metrics-read';\nimport { extra } from './extra';\nexport const context = () => [read, extra];\n",
    'electron/core/sync/extra.ts': "import { context } from './sync-context';\nexport const extra = () => context;\n",
  };
  let violations: { rule: string; from: string; to: string }[] = [];
  let ignored: { rule: string; from: string; to: string }[] = [];

  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-import-rules-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const cli = path.join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const run = spawnSync(process.execPath, [cli, 'electron', 'shared', 'renderer', '--config', path.join(repo, 'scripts/lint/import-rules.mjs'), '--output-type', 'json'], { cwd: dir, encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    if (!run.stdout) throw new Error(`dependency-cruiser printed nothing (exit ${run.status}): ${run.stderr}`);
    const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string; severity: string }; from: string; to: string }[] } };
    const brief = (v: { rule: { name: string }; from: string; to: string }) => ({ rule: v.rule.name, from: v.from, to: v.to });
    violations = result.summary.violations.filter((v) => v.rule.severity !== 'ignore').map(brief);
    ignored = result.summary.violations.filter((v) => v.rule.severity === 'ignore').map(brief);
  }, 60_000);

  it('refuses a page importing another page, allows it within its own folder', () => {
    expect(violations).toContainEqual({ rule: 'renderer-pages-stand-alone', from: 'renderer/src/pages/review/review-page.ts', to: 'renderer/src/pages/scaling/fit-view.ts' });
    expect(violations.filter((v) => v.from === 'renderer/src/pages/review/slides/slide.ts')).toEqual([]);
  });

  it('refuses an import the layer table does not allow', () => {
    expect(violations).toContainEqual({ rule: 'layer-renderer-components', from: 'renderer/src/components/legend.ts', to: 'renderer/src/pages/scaling/fit-view.ts' });
    expect(violations).toContainEqual({ rule: 'layer-core', from: 'electron/core/reader.ts', to: 'electron/server/route.ts' });
  });

  it("refuses an import electron/core's layer table does not allow, type-only included, and allows one it does", () => {
    expect(violations).toContainEqual({ rule: 'layer-core-api', from: 'electron/core/api/slice.ts', to: 'electron/core/host/service.ts' });
    expect(violations).toContainEqual({ rule: 'layer-core-sync', from: 'electron/core/sync/reads-up.ts', to: 'electron/core/api/slice.ts' });
    expect(violations.filter((v) => v.from === 'electron/core/host/service.ts' && v.rule.startsWith('layer-'))).toEqual([]);
    // A file at electron/core's top is in none of its layers: importing it is held to the core's row only.
    expect(violations.filter((v) => v.from === 'electron/core/sync/pass.ts')).toEqual([]);
  });

  it('refuses every import cycle (type-only imports count): none is let through since issue #17', () => {
    expect(violations.filter((v) => v.rule === 'no-cycles')).toEqual([
      { rule: 'no-cycles', from: 'electron/core/api/slice.ts', to: 'electron/core/host/service.ts' },
      { rule: 'no-cycles', from: 'electron/core/sync/extra.ts', to: 'electron/core/sync/sync-context.ts' },
      { rule: 'no-cycles', from: 'electron/core/sync/metrics-read.ts', to: 'electron/core/sync/sync-context.ts' },
      { rule: 'no-cycles', from: 'shared/a.ts', to: 'shared/b.ts' },
    ]);
    expect(ignored).toEqual([]);
  });

  it('lists only cycles that still exist: a cycle removed from electron/core leaves KNOWN_CYCLES too', async () => {
    const { KNOWN_CYCLES } = (await import(path.join(repo, 'scripts/lint/import-rules.mjs'))) as { KNOWN_CYCLES: string[][] };
    const cli = path.join(repo, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const run = spawnSync(process.execPath, [cli, 'electron', 'shared', 'renderer', '--config', 'scripts/lint/import-rules.mjs', '--output-type', 'json'], { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (!run.stdout) throw new Error(`dependency-cruiser printed nothing (exit ${run.status}): ${run.stderr}`);
    const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { severity: string }; cycle?: { name: string }[] }[] } };
    const present = result.summary.violations.filter((v) => v.rule.severity === 'ignore' && v.cycle).map((v) => v.cycle!.map((c) => c.name).sort().join(' '));
    const gone = KNOWN_CYCLES.filter((files) => !present.includes([...files].sort().join(' ')));
    expect(gone, 'these known cycles are gone: remove them from KNOWN_CYCLES in scripts/lint/import-rules.mjs').toEqual([]);
  }, 60_000);

  it('names every rule broken and nothing else', () => {
    expect([...new Set(violations.map((v) => v.rule))].sort()).toEqual(['layer-core', 'layer-core-api', 'layer-core-sync', 'layer-renderer-components', 'no-cycles', 'renderer-pages-stand-alone']);
  });
});
