// Runs after `npm install`: fetches Electron's binary (its own install script is not allowed to run,
// see package.json "allowScripts", so that a machine without GitHub access still installs) and builds
// better-sqlite3 for Electron's ABI into native/electron/ — beside, not over, the Node build that the
// CLI and the tests load. Never fails the install: without Electron, `npm start` uses the browser mode.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  electronBinary,
  electronNativeBinding,
  electronNativeDir,
  electronNativeReady,
  electronNativeStamp,
  electronVersion,
  root,
} from './electron-runtime.mjs';

const require = createRequire(import.meta.url);
const say = (line) => process.stderr.write(`setup-desktop: ${line}\n`);

function fetchElectron() {
  if (electronBinary()) return true;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    say('ELECTRON_SKIP_BINARY_DOWNLOAD is set: no desktop window; `npm start` will use the browser mode.');
    return false;
  }
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 300_000 });
  if (result.status === 0 && electronBinary()) {
    say(`Electron ${electronVersion()} downloaded.`);
    return true;
  }
  const reason = `${result.stderr ?? ''}${result.error?.message ?? ''}`.split('\n').find((line) => /Error|error/.test(line))?.trim() ?? 'no details';
  say(`Electron's binary could not be downloaded (${reason.slice(0, 160)}); \`npm start\` will use the browser mode.`);
  return false;
}

function run(command, args, cwd, env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
  return result.status === 0;
}

/** Builds better-sqlite3 for Electron in a scratch copy, so node_modules keeps the Node build. */
function buildNativeForElectron() {
  if (electronNativeReady()) return true;
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-electron-native-'));
  const copy = path.join(scratch, 'better-sqlite3');
  fs.cpSync(source, copy, { recursive: true, filter: (file) => !file.includes(`${path.sep}build${path.sep}`) });
  // npm's own nodedir (Node's headers) must not leak into a build for Electron's headers.
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
  const target = electronVersion();
  const prebuild = path.join(path.dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const ok =
    run(process.execPath, [prebuild, '--runtime', 'electron', '--target', target, '--arch', process.arch], copy, env) ||
    run(process.execPath, [nodeGyp(), 'rebuild', '--release', '--runtime=electron', `--target=${target}`, '--dist-url=https://electronjs.org/headers'], copy, env);
  const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !fs.existsSync(built)) {
    say('better-sqlite3 could not be built for Electron; run `npm run setup:desktop` once online. The CLI and browser mode are unaffected.');
    fs.rmSync(scratch, { recursive: true, force: true });
    return false;
  }
  fs.mkdirSync(electronNativeDir, { recursive: true });
  fs.copyFileSync(built, electronNativeBinding);
  fs.writeFileSync(path.join(electronNativeDir, 'stamp.txt'), `${electronNativeStamp()}\n`);
  fs.rmSync(scratch, { recursive: true, force: true });
  say(`better-sqlite3 built for Electron ${target} in ${path.relative(root, electronNativeDir)}/.`);
  return true;
}

function nodeGyp() {
  if (process.env.npm_config_node_gyp && fs.existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const npmDir = path.resolve(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm');
  return path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
}

if (fetchElectron()) buildNativeForElectron();
