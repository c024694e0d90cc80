/**
 * The speed bench's figures (scripts/bench-speed.ts) as a readable table: one row
 * a figure, with how it was measured.
 */
import type { Figures } from './bench-figures.ts';

/** The speed figures as a readable table. */
export function speedTable(r: Figures): string {
  const ms = (k: string): string => {
    const v = r[k];
    return typeof v === 'number' ? `${v.toFixed(1)} ms` : '—';
  };
  const yes = (k: string): string => (r[k] === true ? 'yes' : 'NO');
  const rows: [string, string, string][] = [
    ['figure', 'median', 'notes'],
    [
      'tabpilot step (stepOverheadMs)',
      ms('stepOverheadMs'),
      `p90 ${ms('stepOverheadP90Ms')}; ${r['stepIterations']} steps, click + settle + capture/scale/encode`,
    ],
    [
      '',
      '',
      `messages to the page per step: ${r['messagesPerStep']} (median; risk check, act, settle + capture, indicator)`,
    ],
    ['  action + settle', ms('stepActionSettleMs'), 'computer.run({kind: actions, [click]})'],
    [
      '  screenshot',
      ms('stepScreenshotMs'),
      `computer.screenshot(), ${r['screenshotWidth']}×${r['screenshotHeight']} PNG`,
    ],
    [
      '',
      '',
      `steps start ≥ ${r['stepCaptureSpacingMs']} ms after the last capture: the 2/s rate gate never waited`,
    ],
    [
      'Puppeteer step (puppeteerStepMs)',
      ms('puppeteerStepMs'),
      `p90 ${ms('puppeteerStepP90Ms')}; page.mouse.click + page.screenshot(), full-size PNG`,
    ],
    ['  click', ms('puppeteerClickMs'), ''],
    ['  screenshot', ms('puppeteerScreenshotMs'), ''],
    [
      'action round trip',
      ms('actionRoundTripMs'),
      `p90 ${ms('actionRoundTripP90Ms')}; ${r['actionRoundTripIterations']} moves, worker → content → worker`,
    ],
    [
      'type 200 characters',
      ms('type200CharsMs'),
      `${r['type200CharsIterations']} times into a focused textarea`,
    ],
    [
      'load into a fresh page + click',
      ms('contentInjectMs'),
      `${r['contentInjectIterations']} new tabs: content.js and page-world.js injected, then the first click`,
    ],
    [
      'content script heap',
      typeof r['contentScriptHeapKB'] === 'number' ? `${r['contentScriptHeapKB']} KB` : '—',
      'page JS heap growth after injection + one action, GC either side',
    ],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const lines = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
  lines.push(
    '',
    `clicks landed: tabpilot ${yes('stepClicksLanded')}, Puppeteer ${yes('puppeteerClicksLanded')}; ` +
      `typed text correct: ${yes('type200CharsCorrect')}; ` +
      `first clicks in fresh pages landed: ${yes('contentInjectClicksLanded')}`,
    `update 300 ms after a click shown in the step's screenshot: ${yes('delayedUpdateSeen')} ` +
      `(${r['delayedUpdateSeenTrials']} of ${r['delayedUpdateTrials']} trials)`,
  );
  return lines.join('\n');
}
