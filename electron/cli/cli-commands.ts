// Every `tessera` sub-command, in the order --help lists them.
import type { CliCommand } from './cli-command';
import { demoCommand } from './commands/demo';
import { serveCommand } from './commands/serve';
import { splitCommand } from './commands/split';

export const cliCommands: CliCommand[] = [serveCommand, demoCommand, splitCommand];
