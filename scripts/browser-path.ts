/**
 * Finds a Chrome or Chromium to run: CHROME_PATH, then the usual system paths.
 * `obtainChrome` also installs one when none is found: Debian's chromium with
 * apt when running as root on Debian, else puppeteer's own browser download.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const systemPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChrome(): string | undefined {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH points to nothing: ${fromEnv}`);
    return fromEnv;
  }
  return systemPaths.find((p) => existsSync(p));
}

export async function obtainChrome(log: (line: string) => void = console.log): Promise<string> {
  const found = findChrome();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform === 'linux' && isRoot && existsSync('/etc/debian_version')) {
    log('No Chromium found: installing Debian’s chromium with apt-get…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChrome();
    if (installed) return installed;
    throw new Error('apt-get installed chromium but no binary was found');
  }
  log('No Chrome found: downloading Chrome for Testing with @puppeteer/browsers…');
  const { install, Browser, detectBrowserPlatform, resolveBuildId } =
    await import('@puppeteer/browsers');
  const platform = detectBrowserPlatform();
  if (!platform)
    throw new Error('Unknown platform: set CHROME_PATH to a Chrome or Chromium binary');
  const buildId = await resolveBuildId(Browser.CHROME, platform, 'stable');
  const installed = await install({
    browser: Browser.CHROME,
    buildId,
    cacheDir: join(homedir(), '.cache', 'tabpilot-browsers'),
  });
  return installed.executablePath;
}
