// The users file of a team server: one entry per token, naming its person of team.yaml and its role,
// holding only a salted HMAC of the token's secret (never the token). `tessera token` writes it,
// `serve --users` reads it. Written to a temporary file and renamed, readable by its owner only.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { STORE_ID_RE } from '../../../shared/domain/store-events';

export const TOKEN_ROLES = ['viewer', 'writer'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 time');
const base64url = (bytes: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`), `${bytes} bytes in base64url`);

export const TOKEN_ID_RE = /^[0-9a-f]{12}$/;

const tokenEntrySchema = z
  .object({
    id: z.string().regex(TOKEN_ID_RE, '12 lower-case hex digits'),
    person: z.string().regex(STORE_ID_RE, 'a person id of team.yaml'),
    role: z.enum(TOKEN_ROLES),
    salt: base64url(16),
    hash: base64url(32),
    created_at: isoTime,
    revoked_at: isoTime.nullable(),
  })
  .strict();

const usersFileSchema = z
  .object({
    format: z.literal('tessera-users'),
    version: z.literal(1),
    tokens: z.array(tokenEntrySchema),
  })
  .strict();

export type TokenEntry = z.infer<typeof tokenEntrySchema>;
export type UsersFile = z.infer<typeof usersFileSchema>;

export function emptyUsersFile(): UsersFile {
  return { format: 'tessera-users', version: 1, tokens: [] };
}

/** A users file that cannot be used: says which file, where in it, and what was expected. */
export class UsersFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsersFileError';
  }
}

function issuePath(issuePathParts: readonly PropertyKey[]): string {
  return issuePathParts.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '') || '(root)';
}

export function parseUsersFile(text: string, file: string): UsersFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsersFileError(`${file}: not valid JSON (${(error as Error).message}).`);
  }
  const parsed = usersFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsersFileError(`${file}: ${issuePath(issue.path)}: ${issue.message}.`);
  }
  const seen = new Set<string>();
  for (const [index, entry] of parsed.data.tokens.entries()) {
    if (seen.has(entry.id)) throw new UsersFileError(`${file}: tokens[${index}].id: token ${entry.id} is listed twice.`);
    seen.add(entry.id);
  }
  return parsed.data;
}

/** The file's tokens; a file that does not exist yet has none (the first `token add` creates it). */
export function readUsersFile(file: string, options: { mustExist?: boolean } = {}): UsersFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.mustExist) return emptyUsersFile();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsersFileError(`${file}: no such users file. Create it with "tessera token add PERSON --users ${file}".`);
    }
    throw new UsersFileError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  return parseUsersFile(text, file);
}

/** Temporary file, then rename: a server reading it meanwhile sees the old file or the new, never half. */
export function writeUsersFile(file: string, users: UsersFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
