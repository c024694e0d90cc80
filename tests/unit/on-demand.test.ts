import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActionReport } from '../../extension/actions.ts';
import { isOnDemandName, performLoading, type OnDemandName } from '../../extension/on-demand.ts';

/** A frame that needs `missing` before it acts, and a log of what happened to it. */
function frame(missing: string[], loadWorks = true) {
  const log: string[] = [];
  const have = new Set<string>();
  const perform = (): Promise<ActionReport> => {
    const needs = missing.filter((n) => !have.has(n));
    log.push(needs.length ? `needs ${needs.join('+')}` : 'acted');
    return Promise.resolve(needs.length ? { notes: [], needs } : { notes: ['done'] });
  };
  const load = (names: readonly OnDemandName[]): Promise<void> => {
    log.push(`load ${names.join('+')}`);
    if (loadWorks) names.forEach((n) => have.add(n));
    return Promise.resolve();
  };
  return { log, perform, load };
}

describe('performLoading', () => {
  it('acts at once in a frame that has what the action needs', async () => {
    const f = frame([]);
    assert.deepEqual(await performLoading(f.perform, f.load), { notes: ['done'] });
    assert.deepEqual(f.log, ['acted']);
  });

  it('loads what the frame asks for, then sends the action again', async () => {
    const f = frame(['keyboard', 'top']);
    assert.deepEqual(await performLoading(f.perform, f.load), { notes: ['done'] });
    assert.deepEqual(f.log, ['needs keyboard+top', 'load keyboard+top', 'acted']);
  });

  it('a part the extension does not have is an error, and nothing is loaded', async () => {
    const f = frame(['keyboard', 'spyware']);
    await assert.rejects(performLoading(f.perform, f.load), /unknown parts: keyboard, spyware/);
    assert.deepEqual(f.log, ['needs keyboard+spyware']);
  });

  it('a frame that still lacks the part after loading is an error, not a loop', async () => {
    const f = frame(['keyboard'], false);
    await assert.rejects(performLoading(f.perform, f.load), /could not load keyboard/);
    assert.deepEqual(f.log, ['needs keyboard', 'load keyboard', 'needs keyboard']);
  });

  it('knows its own part names only', () => {
    assert.equal(isOnDemandName('keyboard'), true);
    assert.equal(isOnDemandName('top'), true);
    assert.equal(isOnDemandName('toString'), false);
    assert.equal(isOnDemandName(undefined), false);
  });
});
