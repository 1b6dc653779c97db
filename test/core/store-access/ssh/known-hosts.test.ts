// known_hosts as OpenSSH writes and reads it: plain and hashed names, [host]:port, wildcards and
// negation, markers, and the verdicts that decide whether Tessera connects.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkHostKey,
  hostKeyFingerprint,
  knownHostLine,
  knownKeyAlgorithms,
  parseKnownHosts,
} from '../../../../electron/core/store-access/ssh/known-hosts';

let dir: string;
let keyA: { line: string; blob: Buffer; fingerprint: string };
let keyB: { line: string; blob: Buffer; fingerprint: string };
let rsa: { line: string; blob: Buffer; fingerprint: string };

function makeKey(name: string, type: string): { line: string; blob: Buffer; fingerprint: string } {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file]);
  const line = fs.readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const fingerprint = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  return { line, blob: Buffer.from(line.split(' ')[1]!, 'base64'), fingerprint };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-known-hosts-'));
  keyA = makeKey('a', 'ed25519');
  keyB = makeKey('b', 'ed25519');
  rsa = makeKey('r', 'rsa');
});

describe('known_hosts', () => {
  it('computes the fingerprint ssh-keygen -l shows', () => {
    expect(hostKeyFingerprint(keyA.blob)).toBe(keyA.fingerprint);
    expect(hostKeyFingerprint(rsa.blob)).toBe(rsa.fingerprint);
  });

  it('matches plain names, [host]:port names, comma lists and wildcards, case-insensitively', () => {
    const entries = parseKnownHosts(
      [`login.cluster.org,10.0.0.5 ${keyA.line}`, `[gw.cluster.org]:2222 ${keyA.line}`, `*.compute.cluster.org ${keyA.line}`].join('\n'),
      'kh',
    );
    expect(checkHostKey(entries, 'LOGIN.cluster.org', 22, keyA.blob).kind).toBe('trusted');
    expect(checkHostKey(entries, '10.0.0.5', 22, keyA.blob).kind).toBe('trusted');
    expect(checkHostKey(entries, 'gw.cluster.org', 2222, keyA.blob).kind).toBe('trusted');
    // The port is part of the name: the same host on port 22 is another host.
    expect(checkHostKey(entries, 'gw.cluster.org', 22, keyA.blob).kind).toBe('unknown');
    expect(checkHostKey(entries, 'node7.compute.cluster.org', 22, keyA.blob).kind).toBe('trusted');
    expect(checkHostKey(entries, 'login.cluster.org', 2222, keyA.blob).kind).toBe('unknown');
  });

  it('honours hashed names written by ssh-keygen -H', () => {
    const file = path.join(dir, 'hashed');
    fs.writeFileSync(file, `login.cluster.org ${keyA.line}\n[gw.cluster.org]:2222 ${keyA.line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const entries = parseKnownHosts(fs.readFileSync(file, 'utf8'), file);
    expect(entries.every((e) => e.patterns.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(entries, 'login.cluster.org', 22, keyA.blob).kind).toBe('trusted');
    expect(checkHostKey(entries, 'gw.cluster.org', 2222, keyA.blob).kind).toBe('trusted');
    expect(checkHostKey(entries, 'other.cluster.org', 22, keyA.blob).kind).toBe('unknown');
  });

  it('calls a different key of the same type a change, and names the line holding the old one', () => {
    const entries = parseKnownHosts(`# comment\n\nlogin.cluster.org ${keyA.line}\n`, '/home/ana/.ssh/known_hosts');
    const verdict = checkHostKey(entries, 'login.cluster.org', 22, keyB.blob);
    expect(verdict.kind).toBe('changed');
    if (verdict.kind === 'changed') expect(verdict.known.map((e) => e.line)).toEqual([3]);
  });

  it('treats a key of a type not known for the host as unknown, and offers known types first', () => {
    const entries = parseKnownHosts(`login.cluster.org ${rsa.line}\n`, 'kh');
    const verdict = checkHostKey(entries, 'login.cluster.org', 22, keyA.blob);
    expect(verdict.kind).toBe('unknown');
    if (verdict.kind === 'unknown') expect(verdict.otherTypes.map((e) => e.keyType)).toEqual(['ssh-rsa']);
    expect(knownKeyAlgorithms(entries, 'login.cluster.org', 22)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  });

  it('excludes negated patterns, refuses revoked keys and ignores certificate authorities', () => {
    const entries = parseKnownHosts(
      [
        `*.cluster.org,!bastion.cluster.org ${keyA.line}`,
        `@revoked * ${keyB.line}`,
        `@cert-authority *.cluster.org ${rsa.line}`,
      ].join('\n'),
      'kh',
    );
    expect(checkHostKey(entries, 'login.cluster.org', 22, keyA.blob).kind).toBe('trusted');
    expect(checkHostKey(entries, 'bastion.cluster.org', 22, keyA.blob).kind).toBe('unknown');
    expect(checkHostKey(entries, 'login.cluster.org', 22, keyB.blob).kind).toBe('revoked');
    expect(checkHostKey(entries, 'login.cluster.org', 22, rsa.blob).kind).toBe('unknown');
  });

  it('skips malformed lines and lines whose key blob disagrees with their type', () => {
    const blobOfA = keyA.line.split(' ')[1]!;
    const entries = parseKnownHosts(['garbage', `host ssh-rsa ${blobOfA}`, `host ssh-ed25519 not*base64`, `host ${keyA.line}`].join('\n'), 'kh');
    expect(entries.map((e) => e.line)).toEqual([4]);
  });

  it('writes a line that ssh-keygen -F finds for the host and port', () => {
    const file = path.join(dir, 'written');
    fs.writeFileSync(file, `${knownHostLine('127.0.0.1', 2222, keyA.blob)}\n`);
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(keyA.line);
    expect(knownHostLine('login.cluster.org', 22, keyA.blob)).toBe(`login.cluster.org ${keyA.line}`);
  });
});
