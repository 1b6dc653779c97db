// The local-folder transport: stays inside the store, streams byte ranges, and writes new files
// atomically without ever replacing one.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { StoreAccessError } from '../../../electron/core/store-access/store-transport';
import { fillDisk, mountTmpfs, unmount } from '../../helpers/tmpfs';
import { makeTempDir } from '../sync/support/lab-store-fixture';

let dir: string;
let root: string;
let transport: LocalFolderTransport;

async function collect(iterable: AsyncIterable<Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of iterable) out.push(chunk.toString());
  return out;
}

async function accessError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StoreAccessError);
    return (error as StoreAccessError).code;
  }
  throw new Error('expected a StoreAccessError');
}

beforeEach(() => {
  dir = makeTempDir();
  root = path.join(dir, 'store');
  fs.mkdirSync(path.join(root, 'runs', 'r1'), { recursive: true });
  fs.writeFileSync(path.join(root, 'runs', 'r1', 'metrics.jsonl'), '0123456789');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  transport = new LocalFolderTransport(root);
});

describe('LocalFolderTransport', () => {
  it('lists entries sorted with their kind, size and mtime, without following links', async () => {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link'));
    fs.writeFileSync(path.join(root, 'b.txt'), 'bb');
    const entries = await transport.list('');
    expect(entries.map((e) => [e.name, e.kind])).toEqual([['b.txt', 'file'], ['link', 'symlink'], ['runs', 'dir']]);
    expect(entries[0]!.size).toBe(2);
    expect(entries[0]!.mtimeMs).toBeGreaterThan(0);
  });

  it('refuses paths that could leave the store before touching the disk', async () => {
    for (const bad of ['../secret.txt', 'runs/../../secret.txt', '/etc/passwd', 'runs//r1', 'runs\\r1', './runs']) {
      expect(await accessError(transport.readSmallFile(bad, 100))).toBe('invalid-path');
      expect(await accessError(transport.list(bad))).toBe('invalid-path');
    }
  });

  it('follows links that stay inside the store and refuses links that leave it', async () => {
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'out-file'));
    fs.symlinkSync(dir, path.join(root, 'out-dir'));
    fs.symlinkSync('runs/r1/metrics.jsonl', path.join(root, 'in-file'));
    expect(await accessError(transport.stat('out-file'))).toBe('outside-store');
    expect(await accessError(transport.readSmallFile('out-file', 100))).toBe('outside-store');
    expect(await accessError(transport.readSmallFile('out-dir/secret.txt', 100))).toBe('outside-store');
    expect(await accessError(transport.list('out-dir'))).toBe('outside-store');
    expect(await accessError(collect(transport.readRange('out-file', 0)))).toBe('outside-store');
    expect(await transport.stat('in-file')).toMatchObject({ kind: 'file', size: 10 });
    expect((await transport.readSmallFile('in-file', 100)).toString()).toBe('0123456789');
  });

  it('reads a byte range in chunks and stops at the end asked for', async () => {
    expect(await collect(transport.readRange('runs/r1/metrics.jsonl', 2, 9, 3))).toEqual(['234', '567', '8']);
    expect(await collect(transport.readRange('runs/r1/metrics.jsonl', 7, undefined, 4))).toEqual(['789']);
  });

  it('refuses a small file over its size cap', async () => {
    expect(await accessError(transport.readSmallFile('runs/r1/metrics.jsonl', 9))).toBe('too-large');
    expect((await transport.readSmallFile('runs/r1/metrics.jsonl', 10)).toString()).toBe('0123456789');
  });

  it('writes a new file into place, creating folders, and never replaces an existing one', async () => {
    await transport.writeNewFile('events/2026/11/01A.json', Buffer.from('{"a":1}'));
    expect(fs.readFileSync(path.join(root, 'events/2026/11/01A.json'), 'utf8')).toBe('{"a":1}');
    expect(await accessError(transport.writeNewFile('events/2026/11/01A.json', Buffer.from('{"a":2}')))).toBe('exists');
    expect(fs.readFileSync(path.join(root, 'events/2026/11/01A.json'), 'utf8')).toBe('{"a":1}');
    expect(fs.readdirSync(path.join(root, 'events/2026/11'))).toEqual(['01A.json']);
    expect(await accessError(transport.writeNewFile('../escape.json', Buffer.from('x')))).toBe('invalid-path');
  });

  it('refuses to write through a link that leaves the store', async () => {
    fs.symlinkSync(dir, path.join(root, 'events'));
    expect(await accessError(transport.writeNewFile('events/x.json', Buffer.from('x')))).toBe('outside-store');
    expect(fs.existsSync(path.join(dir, 'x.json'))).toBe(false);
  });
});


describe('LocalFolderTransport on a full disk', () => {
  it('leaves no temporary file and no new folder behind, and says ENOSPC', async () => {
    const mnt = fs.mkdtempSync(path.join(dir, 'mnt-'));
    mountTmpfs(mnt, '1m');
    try {
      const full = new LocalFolderTransport(mnt);
      const filler = fillDisk(mnt);
      const error = await full.writeNewFile('events/2026/11/01A.json', Buffer.alloc(8192, 0x41)).catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      expect(fs.readdirSync(mnt)).toEqual(['filler.bin']);
      fs.rmSync(filler);
      await full.writeNewFile('events/2026/11/01A.json', Buffer.alloc(8192, 0x41));
      expect(fs.readdirSync(path.join(mnt, 'events/2026/11'))).toEqual(['01A.json']);
    } finally {
      unmount(mnt);
    }
  });
});
