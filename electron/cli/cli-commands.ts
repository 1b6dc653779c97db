// Every `tessera` sub-command, in the order --help lists them.
import type { CliCommand } from './cli-command';
import { demoCommand } from './commands/demo';
import { evalsCommand } from './commands/evals';
import { exportCommand } from './commands/export';
import { fitCommand } from './commands/fit';
import { runsCommand } from './commands/runs';
import { alertsCommand } from './commands/alerts';
import { searchCommand } from './commands/search';
import { serveCommand } from './commands/serve';
import { seriesCommand } from './commands/series';
import { splitCommand } from './commands/split';
import { syncCommand } from './commands/sync';
import { tokenCommand } from './commands/token';
import { trustHostCommand } from './commands/trust-host';

export const cliCommands: CliCommand[] = [serveCommand, tokenCommand, demoCommand, syncCommand, runsCommand, alertsCommand, searchCommand, exportCommand, seriesCommand, splitCommand, fitCommand, evalsCommand, trustHostCommand];
