// Parses argv, finds the command, runs it. Usage mistakes: one line, exit 2. Failures: one line, exit 1.
import { parseArgs } from 'node:util';
import { CliUsageError, type CliCommand, type CliIo } from './cli-command';

/** An error stays readable whatever input it quotes (a 40 KB query, a pasted file); the longest real ones are ~600. */
const MAX_ERROR_CHARS = 1000;

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

function commandHelp(command: CliCommand): string {
  return [`${command.summary}`, '', `Usage: ${command.usage}`, '', ...command.flagHelp.map((line) => `  ${line}`), '  --help              this text', ''].join('\n');
}

function overview(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'tessera: the pretraining team dashboard, on the command line.',
    '',
    'Usage: tessera <command> [flags]      tessera <command> --help',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
  ].join('\n');
}

export async function runCli(argv: string[], commands: CliCommand[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`tessera: unknown command "${name}". Run "tessera --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return 0;
  }
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      options: command.options,
      strict: true,
      allowPositionals: command.allowPositionals ?? false,
    });
    values = parsed.values as Record<string, unknown>;
    positionals = parsed.positionals;
  } catch (error) {
    io.stderr(`tessera ${command.name}: ${errorText((error as Error).message.split('\n')[0])} (see "tessera ${command.name} --help")\n`);
    return 2;
  }
  try {
    return await command.run(values, positionals, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`tessera ${command.name}: ${errorText(error)} (see "tessera ${command.name} --help")\n`);
      return 2;
    }
    io.stderr(`tessera ${command.name}: ${errorText(error)}\n`);
    return 1;
  }
}
