// The architecture's import boundaries are enforced by lint: these cases must be refused.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
