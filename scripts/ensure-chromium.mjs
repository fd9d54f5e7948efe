// Browser tests drive Debian's chromium (never a downloaded browser): make sure it is there, with a
// Chinese font so the screenshots taken in 简体中文 show characters rather than boxes.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function aptInstall(packages) {
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('apt-get', ['install', '-y', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

if (!existsSync(CHROMIUM)) {
  if (!isRoot) {
    console.error(`browser tests need Debian's chromium: run \`sudo apt-get install -y chromium ${CJK_FONT_PACKAGE}\``);
    process.exit(1);
  }
  console.log(`ensure-chromium: ${CHROMIUM} missing, installing it with apt-get (update, then install -y chromium ${CJK_FONT_PACKAGE})`);
  try {
    aptInstall(['chromium', CJK_FONT_PACKAGE]);
  } catch {
    console.error('ensure-chromium: apt-get failed; install it by hand: apt-get install -y chromium');
    process.exit(1);
  }
  process.exit(existsSync(CHROMIUM) ? 0 : 1);
}

// The font only changes how the Chinese screenshots look (the language test reads text, not pixels):
// a failed install is reported and the tests go on.
if (!existsSync(CJK_FONT) && isRoot) {
  try {
    aptInstall([CJK_FONT_PACKAGE]);
    console.log(`ensure-chromium: installed ${CJK_FONT_PACKAGE} for the Chinese screenshots`);
  } catch {
    console.log(`ensure-chromium: could not install ${CJK_FONT_PACKAGE}; Chinese screenshots will show boxes for characters`);
  }
}
