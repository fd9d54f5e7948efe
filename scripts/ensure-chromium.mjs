// Browser tests drive Debian's chromium (never a downloaded browser): make sure it is there.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

if (typeof process.getuid === 'function' && process.getuid() === 0) {
  console.log(`ensure-chromium: ${CHROMIUM} missing, installing it with apt-get (update, then install -y chromium)`);
  try {
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    console.error('ensure-chromium: apt-get failed; install it by hand: apt-get install -y chromium');
    process.exit(1);
  }
  process.exit(existsSync(CHROMIUM) ? 0 : 1);
}

console.error('browser tests need Debian\'s chromium: run `sudo apt-get install -y chromium`');
process.exit(1);
