// Entry of the `tessera` command (bundled to dist/cli/tessera.mjs, started by bin/tessera.mjs).
import { runCli } from './run-cli';
import { cliCommands } from './cli-commands';

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

const code = await runCli(process.argv.slice(2), cliCommands, io);
// `serve` returns only once stopped; every other command ends here.
process.exitCode = code;
