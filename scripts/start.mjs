// `npm start`: the desktop window when Electron is there, otherwise (in one line) why not, and the
// same app in the browser mode on localhost.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { electronBinary, electronNativeReady, root } from './electron-runtime.mjs';

const binary = electronBinary();
let child;
if (binary && electronNativeReady()) {
  child = spawn(binary, [root], { stdio: 'inherit' });
} else {
  const why = binary
    ? 'better-sqlite3 is not built for Electron yet (run `npm run setup:desktop`)'
    : "Electron's binary is not installed (its download failed or was skipped)";
  process.stderr.write(`Desktop window unavailable: ${why}. Starting the browser mode; open the URL below.\n`);
  child = spawn(process.execPath, [path.join(root, 'bin', 'tessera.mjs'), 'serve', '--allow-write', ...process.argv.slice(2)], { stdio: 'inherit' });
}
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
