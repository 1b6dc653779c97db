// `tessera token add|list|revoke`: the people of a team server and their tokens. A token is printed
// once, when it is made; the users file keeps only its salted hash. Revoking keeps the entry (so the
// audit log's token ids stay explained) and a running `serve --users` refuses the token at once.
import { defaultDataDir, dataDirFiles } from '../../core/config/app-layout';
import { readSettings } from '../../core/config/settings-file';
import { issuePersonToken } from '../../server/access/person-tokens';
import { readUsersFile, TOKEN_ID_RE, TOKEN_ROLES, UsersFileError, writeUsersFile, type TokenEntry, type UsersFile } from '../../server/access/users-file';
import { STORE_ID_RE } from '../../../shared/domain/store-events';
import { CliUsageError, optionalString, parseChoiceFlag, type CliCommand, type CliIo } from '../cli-command';
import { parseStoreAccessFlags, storeAccessHelp, storeAccessOptions, storeFormatOf } from '../store-access-flags';
import { readTeamPeople } from '../team-people';

function usersOrUsageError(file: string): UsersFile {
  try {
    return readUsersFile(file);
  } catch (error) {
    if (error instanceof UsersFileError) throw new CliUsageError(`--users ${error.message}`);
    throw error;
  }
}

async function addToken(values: Record<string, unknown>, person: string | undefined, usersFile: string, io: CliIo): Promise<number> {
  if (person === undefined) throw new CliUsageError('Give the person: tessera token add PERSON [--role viewer|writer].');
  if (!STORE_ID_RE.test(person)) throw new CliUsageError(`"${person}" is not a person id: letters, digits, ".", "_", "-", as in team.yaml.`);
  const role = parseChoiceFlag(values, 'role', TOKEN_ROLES) ?? 'viewer';
  const files = dataDirFiles(defaultDataDir());
  const storeUrl = optionalString(values, 'store') ?? readSettings(files.settingsFile).storeUrl;
  if (!storeUrl) throw new CliUsageError('Which team? Give --store URL (the store whose team.yaml lists the person).');
  const people = await readTeamPeople(storeUrl, parseStoreAccessFlags(values, storeFormatOf(storeUrl)));
  if (!people.some((p) => p.id === person)) {
    const known = people.slice(0, 12).map((p) => p.id).join(', ');
    throw new CliUsageError(`"${person}" is not in team.yaml of ${storeUrl} (${people.length} people${known ? `: ${known}${people.length > 12 ? ', …' : ''}` : ''}).`);
  }
  const users = usersOrUsageError(usersFile);
  const issued = issuePersonToken(person, role);
  writeUsersFile(usersFile, { ...users, tokens: [...users.tokens, issued.entry] });
  if (values.json === true) io.stdout(`${JSON.stringify({ token: issued.token, id: issued.entry.id, person, role, usersFile })}\n`);
  else {
    io.stderr(`Token ${issued.entry.id} for ${person} (${role}) added to ${usersFile}. It is shown this once; hand it to ${person} privately:\n`);
    io.stdout(`${issued.token}\n`);
  }
  return 0;
}

function listTokens(values: Record<string, unknown>, usersFile: string, io: CliIo): number {
  const { tokens } = usersOrUsageError(usersFile);
  const rows = tokens.map(({ id, person, role, created_at, revoked_at }) => ({ id, person, role, created_at, revoked_at }));
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ usersFile, tokens: rows })}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stderr(`${usersFile} has no tokens. Add one with "tessera token add PERSON".\n`);
    return 0;
  }
  const table = [['id', 'person', 'role', 'created', 'revoked'], ...rows.map((r) => [r.id, r.person, r.role, r.created_at, r.revoked_at ?? ''])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) io.stdout(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return 0;
}

function revokeTokens(values: Record<string, unknown>, target: string | undefined, usersFile: string, io: CliIo): number {
  if (target === undefined) throw new CliUsageError('Give a token id (see "tessera token list"), or --all-of PERSON.');
  const users = usersOrUsageError(usersFile);
  const allOf = values['all-of'] === true;
  const matches = (entry: TokenEntry) => (allOf ? entry.person === target : entry.id === target);
  if (!allOf && !TOKEN_ID_RE.test(target)) throw new CliUsageError(`"${target}" is not a token id (12 hex digits, see "tessera token list"); for a person use --all-of.`);
  const hits = users.tokens.filter(matches);
  if (hits.length === 0) throw new CliUsageError(`${usersFile} has no token ${allOf ? `of "${target}"` : `"${target}"`}.`);
  const now = new Date().toISOString();
  const revoked = hits.filter((entry) => entry.revoked_at === null);
  writeUsersFile(usersFile, { ...users, tokens: users.tokens.map((entry) => (matches(entry) && entry.revoked_at === null ? { ...entry, revoked_at: now } : entry)) });
  io.stderr(
    revoked.length === 0
      ? `Nothing to do: ${hits.map((e) => e.id).join(', ')} already revoked.\n`
      : `Revoked ${revoked.map((e) => `${e.id} (${e.person})`).join(', ')}; a running server refuses ${revoked.length === 1 ? 'it' : 'them'} from now on.\n`,
  );
  return 0;
}

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: "People's tokens for a team server (serve --users): add, list, revoke.",
  usage: 'tessera token add PERSON [--role viewer|writer] [--store URL] [--users FILE] [--json] | token list [--users FILE] [--json] | token revoke ID|--all-of PERSON [--users FILE]',
  flagHelp: [
    'add PERSON          a new token for a person of the store\'s team.yaml; printed once, only its hash is kept',
    '--role R            viewer (reads only; the default) or writer (decisions, comments, assessments, reviews)',
    '--store URL         the store whose team.yaml lists the person (default: the configured store)',
    'list                the tokens: id, person, role, created, revoked (never the tokens themselves)',
    'revoke ID           revoke one token; --all-of PERSON revokes every token of that person',
    '--users FILE        the users file (default $TESSERA_HOME/users.json)',
    '--json              machine-readable output on stdout',
    ...storeAccessHelp,
  ],
  options: {
    ...storeAccessOptions,
    role: { type: 'string' },
    store: { type: 'string' },
    users: { type: 'string' },
    'all-of': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [action, target, ...extra] = positionals;
    if (extra.length > 0) throw new CliUsageError(`Unexpected "${extra.join(' ')}".`);
    const usersFile = optionalString(values, 'users') ?? dataDirFiles(defaultDataDir()).usersFile;
    switch (action) {
      case 'add':
        return addToken(values, target, usersFile, io);
      case 'list':
        if (target !== undefined) throw new CliUsageError(`"token list" takes no argument, got "${target}".`);
        return listTokens(values, usersFile, io);
      case 'revoke':
        return revokeTokens(values, target, usersFile, io);
      default:
        throw new CliUsageError(action === undefined ? 'Say what to do: add, list or revoke.' : `Unknown action "${action}": add, list or revoke.`);
    }
  },
};
