// The first step of `npm test`: the system programs the tests drive for real must be on this machine.
// Chromium (the end-to-end tests), OpenSSH's server (the SFTP tests start a real sshd), poppler's
// pdfinfo/pdftoppm (the review's PDF export is read back as pages) and nginx (the team server's replicas
// are tested behind it). Where one is missing, it is installed with the system's package manager when
// that can be done without asking anyone (root on Debian/Ubuntu, as `playwright install --with-deps`
// does); otherwise the test run stops at once with one line naming the command to run, instead of
// failing test by test.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const quiet = process.argv.includes('--quiet');

/** A program is present when one of its paths exists or it is on PATH. */
function onPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

const chromiumCandidates = [process.env.TESSERA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// Each need: how to tell it is present, and the Debian package that brings it.
const needs = [
  { what: 'Chromium', present: () => chromiumCandidates.some((file) => file && fs.existsSync(file)), pkg: 'chromium' },
  { what: "OpenSSH's server", present: () => fs.existsSync('/usr/sbin/sshd'), pkg: 'openssh-server' },
  { what: "poppler's pdfinfo and pdftoppm", present: () => onPath('pdfinfo') && onPath('pdftoppm'), pkg: 'poppler-utils' },
  // The team server's replicas are tested behind a real load balancer.
  { what: 'nginx', present: () => fs.existsSync('/usr/sbin/nginx') || onPath('nginx'), pkg: 'nginx' },
];

const missing = needs.filter((need) => !need.present());
if (missing.length === 0) {
  if (!quiet) console.error('test system: Chromium, sshd, poppler and nginx are present.');
  process.exit(0);
}

const packages = missing.map((need) => need.pkg);
const names = missing.map((need) => need.what).join(', ');
const isRoot = process.getuid?.() === 0;
const hasApt = onPath('apt-get');

if (!hasApt) {
  console.error(
    `npm test needs ${names}, and this is not a Debian-like system: install them with your package manager ` +
      `(Debian package names: ${packages.join(' ')})` +
      (missing.some((need) => need.pkg === 'chromium') ? ', or set TESSERA_CHROMIUM to a Chromium or Chrome executable.' : '.'),
  );
  process.exit(1);
}
if (!isRoot) {
  // sudo only when it will not stop to ask for a password: a test run must never hang on a prompt.
  const sudoWorks = onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!sudoWorks) {
    console.error(`npm test needs ${names}: run \`sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\` once, then npm test again.`);
    process.exit(1);
  }
}

const asRoot = (args) => (isRoot ? args : ['sudo', '-n', ...args]);
function run(args) {
  const [command, ...rest] = asRoot(args);
  execFileSync(command, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

console.error(`test system: installing ${packages.join(' ')} with apt-get (needed for ${names}).`);
try {
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...packages]);
} catch (error) {
  console.error(
    `test system: apt-get could not install ${packages.join(' ')} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); ` +
      `install them by hand, then npm test again.`,
  );
  process.exit(1);
}

const stillMissing = needs.filter((need) => !need.present());
if (stillMissing.length > 0) {
  console.error(`test system: still missing after the install: ${stillMissing.map((need) => need.what).join(', ')}.`);
  process.exit(1);
}
console.error('test system: installed.');
