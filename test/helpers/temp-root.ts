// Global set-up of both test configs: one temporary folder per test run, removed at the end.
//
// Tests make their stores, caches, homes and browser profiles with mkdtemp in os.tmpdir(); many of
// them (and the serve, sshd and Chromium processes they start) cannot clean up reliably when a test
// fails or is killed, and thousands of folders — tens of GB — piled up in /tmp. Pointing TMPDIR at a
// folder of this run before the workers fork (they and every process they start inherit it, and
// os.tmpdir() reads it on each call) lets the teardown remove everything at once.
// TESSERA_KEEP_TEST_TMP=1 keeps the folder to look at after a failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.TESSERA_KEEP_TEST_TMP === '1') {
      console.log(`test files kept in ${root}`);
      return;
    }
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
