import { expect, test } from 'vitest';
import { RequestLedger } from './request-ledger.ts';

test('chunks come from the lowest hole first, then from the frontier up to the limit', () => {
  const ledger = new RequestLedger();
  expect(ledger.take(100, 250)).toEqual({ from: 0, to: 100, attempts: 0 });
  expect(ledger.take(100, 250)).toEqual({ from: 100, to: 200, attempts: 0 });
  ledger.markDone(0, 40);
  ledger.returnRuns({ from: 40, to: 100, attempts: 1 });
  expect(ledger.unissued(250)).toBe(60 + 50);
  expect(ledger.take(50, 250)).toEqual({ from: 40, to: 90, attempts: 1 });
  expect(ledger.take(50, 250)).toEqual({ from: 90, to: 100, attempts: 1 });
  expect(ledger.take(100, 250)).toEqual({ from: 200, to: 250, attempts: 0 });
  expect(ledger.hasWork(250)).toBe(false);
  expect(ledger.frontierDone(250)).toBe(true);
});

test('a checkpoint\'s gaps become holes; overlapping ranges or ranges past the limit are not trusted', () => {
  const ledger = RequestLedger.fromRanges([[0, 100], [200, 300]], 1000)!;
  expect(ledger.runsDone).toBe(200);
  expect(ledger.nextIndex).toBe(300);
  expect(ledger.holes).toEqual([{ from: 100, to: 200, attempts: 0 }]);
  expect(RequestLedger.fromRanges([[0, 100], [50, 150]], 1000)).toBeNull();
  expect(RequestLedger.fromRanges([[0, 1001]], 1000)).toBeNull();
  expect(() => ledger.assertComplete('r1')).toThrow(/finished with runs/);
});
