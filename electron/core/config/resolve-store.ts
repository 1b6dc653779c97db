// Which store to open: the one asked for, else the one in settings, else the demo lab, which the
// first start generates so the app shows a realistic team's data straight away.
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoLab } from '../demo';
import type { Settings } from './settings-file';

export interface ResolvedStore {
  storeUrl: string;
  isDemo: boolean;
}

export async function resolveStore(options: {
  requested?: string;
  settings: Settings;
  demoLabDir: string;
  log: (message: string) => void;
}): Promise<ResolvedStore> {
  if (options.requested) return { storeUrl: options.requested, isDemo: false };
  if (options.settings.storeUrl && !options.settings.isDemo) return { storeUrl: options.settings.storeUrl, isDemo: false };
  if (!fs.existsSync(path.join(options.demoLabDir, 'tessera-store.json'))) {
    options.log(`No store configured: creating the demo lab in ${options.demoLabDir} …`);
    // Generated aside and renamed into place: an interrupted first start leaves no half lab behind.
    const partial = `${options.demoLabDir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    await generateDemoLab({ outDir: partial, seed: 1, size: 'small' });
    fs.rmSync(options.demoLabDir, { recursive: true, force: true });
    fs.renameSync(partial, options.demoLabDir);
  }
  return { storeUrl: options.demoLabDir, isDemo: true };
}
