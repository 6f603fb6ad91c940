// openDatabase runs MIGRATIONS[old + 1] through MIGRATIONS[DB_VERSION]: a missing number would only
// fail on a device whose database is at the version before it, so the numbering is checked here.
import { expect, test } from 'vitest';
import { DB_VERSION, MIGRATIONS } from './db.ts';

test('the upgrade steps are numbered 1 to DB_VERSION, without gaps', () => {
  const steps = Object.keys(MIGRATIONS).map(Number).sort((a, b) => a - b);
  expect(steps).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
  for (const step of steps) expect(typeof MIGRATIONS[step]).toBe('function');
});
