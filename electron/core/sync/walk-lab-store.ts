// Lists the lab store: every file the format defines, in a fixed order (marker, team, runs by id,
// ablations, proposals, events), with its size and mtime. Nothing is read here. Names are checked
// before any path is built from them; a refused entry comes out with the issue that explains it.
import { STORE_MARKER_FILE } from '../store/parse-store-marker';
import { isStoreId, STORE_ID_EXPECTED } from '../store/store-ids';
import type { SyncIssue, SyncIssueCode } from '../store/sync-issue';
import type { StoreFileKind, SyncFileRow } from './sync-file-rows';
import { joinStorePath, StoreAccessError, TEMP_FILE_PREFIX, type StoreEntry, type StoreStat, type StoreTransport } from '../store-access/store-transport';

export interface WalkedFile {
  path: string;
  kind: StoreFileKind;
  size: number;
  mtimeMs: number;
  /** The run, ablation, proposal or event id that the name gives (already validated). */
  id: string | null;
  /** For 'refused' and 'missing' entries: what is wrong. */
  issue: SyncIssue | null;
}

export class NotALabStoreError extends Error {
  constructor(location: string) {
    super(
      `${location} is not a Tessera lab store: it has no ${STORE_MARKER_FILE} at its root ` +
        '(expected {"format": "tessera-store", "version": 1, "name": "…"}).',
    );
    this.name = 'NotALabStoreError';
  }
}

/** Hidden files of file systems and editors, and our own temporary files: not store entries. */
function isNoise(name: string): boolean {
  return name === '.DS_Store' || name.startsWith('._') || name.startsWith('.nfs') || name.startsWith(TEMP_FILE_PREFIX);
}

/** A folder's size and mtime differ between transports and mean nothing to the sync: they are left out. */
function folderSansStat<T extends { kind: string; size: number; mtimeMs: number }>(entry: T): T {
  return entry.kind === 'dir' ? { ...entry, size: 0, mtimeMs: 0 } : entry;
}

/** A name for an issue message; one that is not valid UTF-8 (shown with U+FFFD) says so. */
function shownName(name: string): string {
  return name.includes('\ufffd') ? `"${name}" (not valid UTF-8)` : `"${name}"`;
}

const YEAR = /^\d{4}$/;
const MONTH = /^(0[1-9]|1[0-2])$/;

export async function walkLabStore(transport: StoreTransport): Promise<WalkedFile[]> {
  const out: WalkedFile[] = [];

  const refuse = (path: string, entry: { size: number; mtimeMs: number }, code: SyncIssueCode, message: string, expected: string | null) => {
    out.push({ path, kind: 'refused', size: entry.size, mtimeMs: entry.mtimeMs, id: null, issue: { path, line: null, code, message, expected } });
  };

  /** What an entry is, following a symbolic link only when it stays in the store; null when refused. */
  const resolve = async (path: string, entry: StoreEntry): Promise<StoreStat | null> => {
    if (entry.kind !== 'symlink') return entry.kind === 'dir' ? { ...entry, kind: 'dir' } : entry.kind === 'file' ? { ...entry, kind: 'file' } : { ...entry, kind: 'other' };
    try {
      const target = await transport.stat(path);
      if (target) return folderSansStat(target);
      refuse(path, entry, 'unexpected-entry', `${path} is a symbolic link to nothing.`, 'a file or folder');
    } catch (error) {
      const outside = error instanceof StoreAccessError && error.code === 'outside-store';
      refuse(path, entry, outside ? 'symlink-outside-store' : 'read-error', (error as Error).message, outside ? 'files and folders inside the store' : null);
    }
    return null;
  };

  const list = async (dir: string, entry: { size: number; mtimeMs: number }): Promise<StoreEntry[] | null> => {
    try {
      return (await transport.list(dir)).filter((e) => !isNoise(e.name)).map(folderSansStat);
    } catch (error) {
      const outside = error instanceof StoreAccessError && error.code === 'outside-store';
      refuse(dir, entry, outside ? 'symlink-outside-store' : 'read-error', (error as Error).message, null);
      return null;
    }
  };

  /** A file with a fixed name (tessera-store.json, run.json …), or a refusal when it is something else. */
  const fixedFile = async (path: string, entry: StoreEntry, kind: StoreFileKind, id: string | null) => {
    const stat = await resolve(path, entry);
    if (!stat) return;
    if (stat.kind !== 'file') {
      refuse(path, stat, 'unexpected-entry', `${path} is a ${stat.kind === 'dir' ? 'folder' : 'special file'}.`, 'a regular file');
      return;
    }
    out.push({ path, kind, size: stat.size, mtimeMs: stat.mtimeMs, id, issue: null });
  };

  const root = (await transport.list('')).map(folderSansStat);
  const byName = new Map(root.map((e) => [e.name, e]));
  const marker = byName.get(STORE_MARKER_FILE);
  if (!marker) throw new NotALabStoreError(transport.location);
  await fixedFile(STORE_MARKER_FILE, marker, 'store-marker', null);
  if (out[0]?.kind !== 'store-marker') throw new NotALabStoreError(transport.location);
  const team = byName.get('team.yaml');
  if (team) await fixedFile('team.yaml', team, 'team', null);

  /** A top-level folder (runs, ablations …): its entries, or null when it is absent or refused. */
  const folder = async (name: string): Promise<StoreEntry[] | null> => {
    const entry = byName.get(name);
    if (!entry) return null;
    const stat = await resolve(name, entry);
    if (!stat) return null;
    if (stat.kind !== 'dir') {
      refuse(name, stat, 'unexpected-entry', `${name} is a file.`, `a folder holding the store's ${name}`);
      return null;
    }
    return list(name, stat);
  };

  for (const entry of (await folder('runs')) ?? []) await walkRun(entry);
  await walkDocuments('ablations', '.yaml', 'ablation', '<ablation-id>.yaml');
  await walkDocuments('proposals', '.md', 'proposal', '<proposal-id>.md');
  await walkEvents();
  return out;

  async function walkRun(entry: StoreEntry): Promise<void> {
    const dir = `runs/${entry.name}`;
    if (!isStoreId(entry.name)) {
      refuse(dir, entry, 'invalid-id', `The folder name ${shownName(entry.name)} is not a valid run id: the folder is refused.`, STORE_ID_EXPECTED);
      return;
    }
    const stat = await resolve(dir, entry);
    if (!stat) return;
    if (stat.kind !== 'dir') {
      refuse(dir, stat, 'unexpected-entry', `${dir} is a file, not a run folder.`, 'runs/<run-id>/ folders holding run.json');
      return;
    }
    const files = await list(dir, stat);
    if (!files) return;
    const named = new Map(files.map((f) => [f.name, f]));
    const runJson = named.get('run.json');
    if (runJson) await fixedFile(`${dir}/run.json`, runJson, 'run', entry.name);
    else {
      const path = `${dir}/run.json`;
      out.push({
        path,
        kind: 'missing',
        size: -1,
        mtimeMs: -1,
        id: entry.name,
        issue: { path, line: null, code: 'missing-file', message: `The run folder ${dir} has no run.json: the run is not read.`, expected: 'runs/<run-id>/run.json with at least "id" and "created_at"' },
      });
    }
    const status = named.get('status.json');
    if (status) await fixedFile(`${dir}/status.json`, status, 'run-status', entry.name);
    const metrics = named.get('metrics.jsonl');
    if (metrics) await fixedFile(`${dir}/metrics.jsonl`, metrics, 'run-metrics', entry.name);
  }

  async function walkDocuments(name: string, extension: string, kind: StoreFileKind, expected: string): Promise<void> {
    for (const entry of (await folder(name)) ?? []) {
      const path = `${name}/${entry.name}`;
      const id = entry.name.endsWith(extension) ? entry.name.slice(0, -extension.length) : null;
      if (id === null) {
        refuse(path, entry, 'unexpected-entry', `${path} is not named ${expected}.`, `${name}/${expected}`);
      } else if (!isStoreId(id)) {
        refuse(path, entry, 'invalid-id', `${shownName(id)} is not a valid id: the file is refused.`, STORE_ID_EXPECTED);
      } else {
        await fixedFile(path, entry, kind, id);
      }
    }
  }

  async function walkEvents(): Promise<void> {
    for (const year of (await folder('events')) ?? []) {
      const yearDir = joinStorePath('events', year.name);
      const yearStat = YEAR.test(year.name) ? await resolve(yearDir, year) : null;
      if (!YEAR.test(year.name)) refuse(yearDir, year, 'unexpected-entry', `${yearDir} is not a year folder.`, 'events/<yyyy>/<mm>/<event-id>.json');
      if (!yearStat) continue;
      if (yearStat.kind !== 'dir') {
        refuse(yearDir, yearStat, 'unexpected-entry', `${yearDir} is a file.`, 'events/<yyyy>/<mm>/<event-id>.json');
        continue;
      }
      for (const month of (await list(yearDir, yearStat)) ?? []) {
        const monthDir = `${yearDir}/${month.name}`;
        const monthStat = MONTH.test(month.name) ? await resolve(monthDir, month) : null;
        if (!MONTH.test(month.name)) refuse(monthDir, month, 'unexpected-entry', `${monthDir} is not a month folder (01 to 12).`, 'events/<yyyy>/<mm>/<event-id>.json');
        if (!monthStat) continue;
        if (monthStat.kind !== 'dir') {
          refuse(monthDir, monthStat, 'unexpected-entry', `${monthDir} is a file.`, 'events/<yyyy>/<mm>/<event-id>.json');
          continue;
        }
        for (const file of (await list(monthDir, monthStat)) ?? []) {
          const path = `${monthDir}/${file.name}`;
          const id = file.name.endsWith('.json') ? file.name.slice(0, -5) : null;
          if (id === null) refuse(path, file, 'unexpected-entry', `${path} is not named <event-id>.json.`, 'events/<yyyy>/<mm>/<event-id>.json');
          else if (!isStoreId(id)) refuse(path, file, 'invalid-id', `${shownName(id)} is not a valid event id: the file is refused.`, STORE_ID_EXPECTED);
          else await fixedFile(path, file, 'event', id);
        }
      }
    }
  }
}

/** A file whose size and mtime are what the last complete read recorded: nothing to do. */
export function isUnchanged(known: SyncFileRow | undefined, file: WalkedFile): boolean {
  return known !== undefined && known.kind === file.kind && known.size === file.size && known.mtimeMs === file.mtimeMs;
}
