// The CLI's small failures as a user meets them: a --db that is not a cache is refused and left
// untouched, a store that is missing or a file is named in the error, `serve` on a busy port says so
// and exits, a reader that closes the pipe early ends every command quietly, and a huge argument is
// not echoed whole.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syncedDemoLab } from '../e2e/support/demo-lab';
import { cliEntry, runCli } from '../e2e/support/start-serve';
import { makeTempDir } from '../core/sync/support/lab-store-fixture';

let dir: string;
let lab: { store: string; db: string };

beforeAll(async () => {
  dir = makeTempDir('tessera-cli-errors-');
  lab = await syncedDemoLab('cli-errors');
}, 120_000);

const listing = () => fs.readdirSync(dir).sort();

describe('--db on a file that is not a Tessera cache', () => {
  it('is refused in one line by sync and by serve, the file untouched and nothing put beside it', async () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'my notes\n');
    const before = listing();
    const sync = await runCli(['sync', '--store', lab.store, '--db', notes]);
    expect(sync.code).toBe(1);
    expect(sync.stderr.trim().split('\n')).toEqual([`tessera sync: ${notes} is not a database (it lacks SQLite's header), so it is not a Tessera cache. Nothing was changed; point --db at a new file or at a cache.`]);
    const serve = await runCli(['serve', '--port', '0', '--no-watch', '--store', lab.store, '--db', notes], { TESSERA_HOME: path.join(dir, 'home') });
    expect(serve.code).toBe(1);
    expect(serve.stderr).toContain('is not a database');
    expect(fs.readFileSync(notes, 'utf8')).toBe('my notes\n');
    expect(listing()).toEqual([...before, 'home'].sort());
  });

  it('refuses another program\'s SQLite database without changing a byte of it', async () => {
    const other = path.join(dir, 'budget.db');
    execFileSync(process.execPath, ['-e', `const D=require(${JSON.stringify(require.resolve('better-sqlite3'))});const d=new D(${JSON.stringify(other)});d.exec('CREATE TABLE budget (x)');d.close()`]);
    const bytes = fs.readFileSync(other);
    const result = await runCli(['sync', '--store', lab.store, '--db', other]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is a SQLite database of another program (tables budget), not a Tessera cache');
    expect(fs.readFileSync(other).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${other}-wal`)).toBe(false);
  });
});

describe('a store that is not there', () => {
  it('names the path when it does not exist, and when it is a file', async () => {
    const missing = path.join(dir, 'no-such-lab');
    const gone = await runCli(['sync', '--store', missing, '--db', path.join(dir, 'a.sqlite')]);
    expect([gone.code, gone.stderr]).toEqual([1, `tessera sync: The store folder ${missing} does not exist.\n`]);
    const file = path.join(dir, 'file-lab');
    fs.writeFileSync(file, 'x');
    const notDir = await runCli(['sync', '--store', file, '--db', path.join(dir, 'b.sqlite')]);
    expect([notDir.code, notDir.stderr]).toEqual([1, `tessera sync: ${file} is a file, not a store folder.\n`]);
  });
});

describe('serve on a port in use', () => {
  it('says so in one line and exits', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runCli(['serve', '--port', String(port), '--no-watch', '--store', lab.store, '--db', path.join(dir, 'serve.sqlite')], { TESSERA_HOME: path.join(dir, 'home') });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        `tessera serve: Port ${port} on 127.0.0.1 is already in use (another Tessera or another program): choose another with --port, or --port 0 for any free one.`,
      );
    } finally {
      blocker.close();
    }
  }, 60_000);
});

/** Runs the CLI with its stdout already closed by the reader, as `… | head -0` would. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that closes the pipe early', () => {
  it('ends every command quietly, with no stack trace', async () => {
    const commands = [
      ['runs', '--db', lab.db, '--json'],
      ['runs', '--db', lab.db],
      ['export', '--db', lab.db, '--run', 'r-0001', '--metric', 'train/loss', '--json'],
      ['series', '--db', lab.db, '--run', 'r-0001', '--metric', 'train/loss', '--width', '200', '--json'],
      ['split', '--db', lab.db, '--by', 'week', '--json'],
      ['evals', '--db', lab.db, '--json'],
      ['search', '--db', lab.db, 'loss', '--json'],
      ['fit', '--db', lab.db, '--bootstrap', '0', '--json'],
      ['sync', '--store', lab.store, '--db', lab.db, '--json'],
      ['--help'],
    ];
    for (const args of commands) {
      const result = await runWithClosedStdout(args);
      expect({ args, code: result.code }).toEqual({ args, code: 0 });
      // Progress lines may come; no error and no stack trace.
      expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    }
  }, 120_000);
});

describe('a huge argument', () => {
  it('is not echoed whole in its error line', async () => {
    const query = 'loss '.repeat(8000);
    const result = await runCli(['search', '--db', lab.db, query]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(1100);
    expect(lines[0]).toMatch(/^tessera search: the query: expected .*1000 characters, got "loss loss [los ]*…\. \(see "tessera search --help"\)$/);
  });
});
