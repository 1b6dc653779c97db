// Entry of the `tessera` command (bundled to dist/cli/tessera.mjs, started by bin/tessera.mjs).
import { runCli } from './run-cli';
import { cliCommands } from './cli-commands';

// A reader that stops early (`tessera runs --json | head -1`) closes stdout: every command then ends
// quietly, as Unix tools do, instead of dying on an unhandled EPIPE with a stack trace. Logs to a
// closed stderr are dropped; the work (a server, a watching sync) goes on.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

const code = await runCli(process.argv.slice(2), cliCommands, io);
// `serve` returns only once stopped; every other command ends here.
process.exitCode = code;
