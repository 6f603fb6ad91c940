import { expect, test } from 'vitest';
import { poolSize, resolveConfig, RuntimeConfigError } from './config.ts';

test('defaults fill every field', () => {
  const c = resolveConfig();
  expect(c).toMatchObject({
    maxConcurrentWorkers: 16, workerCount: 'auto', progressUpdateIntervalMs: 100, queueCapacity: 1000,
    flagCheckEveryRuns: 16, workerTimeoutMs: 30_000, autoStoreCompleted: true, autoCleanup: true, maxCompletedAgeSeconds: 3600,
    maxStoredAgeSeconds: 30 * 24 * 3600,
  });
  expect(c.chunkRuns).toBeGreaterThan(c.fallbackChunkRuns);
});

test('a wrong value names the field and the value; an unknown setting is named', () => {
  expect(() => resolveConfig({ queueCapacity: 0 })).toThrow(RuntimeConfigError);
  expect(() => resolveConfig({ queueCapacity: 0 })).toThrow(/^Invalid runtime configuration: queueCapacity: .*\(got 0\)$/);
  expect(() => resolveConfig({ progressUpdateIntervalMs: 2.5 })).toThrow(/progressUpdateIntervalMs: .*\(got 2.5\)/);
  expect(() => resolveConfig({ autoCleanup: 'yes' as never })).toThrow(/autoCleanup: .*\(got "yes"\)/);
  expect(() => resolveConfig({ chunkSize: 10 } as never)).toThrow('Invalid runtime configuration: unknown setting chunkSize');
});

test('the pool has one worker per logical core, at least 1, at most the maximum', () => {
  expect(poolSize(resolveConfig(), 8)).toBe(8);
  expect(poolSize(resolveConfig(), 1)).toBe(1);
  expect(poolSize(resolveConfig(), 0)).toBe(1);
  expect(poolSize(resolveConfig(), 2)).toBe(2);
  expect(poolSize(resolveConfig({ maxConcurrentWorkers: 4 }), 32)).toBe(4);
  expect(poolSize(resolveConfig({ workerCount: 3 }), 2)).toBe(3);
  expect(poolSize(resolveConfig({ workerCount: 12, maxConcurrentWorkers: 6 }), 2)).toBe(6);
});
