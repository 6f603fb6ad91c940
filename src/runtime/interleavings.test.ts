// Property: whatever happens while requests run (chunks returning in any order, pauses, resumes,
// preemption by urgent requests, a worker dying), each request ends with exactly the aggregate of
// an uninterrupted run: no run index skipped, none counted twice.
import { afterEach, expect, test } from 'vitest';
import * as fc from 'fast-check';
import { simulate, type Aggregate } from '../engine/index.ts';
import { FIXTURE_SCENARIO } from './fixtures.ts';
import { MemoryAnswerCache } from './answer-cache.ts';
import { SimulationRuntime } from './scheduler.ts';
import { drain, FakeExecutor, flush } from './testing/fake-executor.ts';
import { jsonKey } from './testing/keys.ts';

const scenario = { name: 'Fixture', spec: FIXTURE_SCENARIO };
const expected = new Map<string, Aggregate>();
const reference = (seed: number, runs: number): Aggregate => {
  const k = `${seed}/${runs}`;
  if (!expected.has(k)) expected.set(k, simulate(FIXTURE_SCENARIO, seed, runs));
  return expected.get(k)!;
};

let runtime: SimulationRuntime | null = null;
afterEach(() => runtime?.dispose());

const op = fc.record({
  kind: fc.constantFrom('step', 'step', 'step', 'pause', 'resume', 'urgent', 'kill'),
  pick: fc.nat(),
});

test('pause, resume, preemption and a dead worker never change a request\'s aggregate', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('shared', 'message'), async (ops, workers, mode) => {
      const fake = new FakeExecutor(mode as 'shared' | 'message', 8);
      runtime?.dispose();
      const rt = new SimulationRuntime({ executor: fake, keyOf: jsonKey, store: new MemoryAnswerCache(), config: { workerCount: workers, replayRepresentatives: false, chunkRuns: 700 } });
      runtime = rt;
      const asked = new Map<string, [number, number]>();
      const submit = (seed: number, runs: number, p: 'low' | 'normal' | 'high' | 'critical') => asked.set(rt.submit(scenario, { seed, runs }, p), [seed, runs]);
      submit(1, 2000, 'low');
      submit(2, 1500, 'normal');
      let urgentSeed = 10, killed = false;
      for (const { kind, pick } of ops) {
        await flush(2);
        const ids = [...asked.keys()];
        const id = ids[pick % ids.length];
        if (kind === 'step') fake.pending[pick % Math.max(1, fake.pending.length)]?.finishRespectingControl();
        else if (kind === 'pause') rt.pause(id);
        else if (kind === 'resume') rt.resume(id);
        else if (kind === 'urgent') submit(urgentSeed++, 300 + (pick % 500), pick % 2 ? 'critical' : 'high');
        else if (kind === 'kill' && !killed && fake.pending.length > 0) {
          killed = true;
          fake.pending[pick % fake.pending.length].worker.die('killed by the test');
        }
      }
      for (const id of asked.keys()) rt.resume(id);
      await drain(fake);
      for (const id of asked.keys()) rt.resume(id);
      await drain(fake);
      for (const [id, [seed, runs]] of asked) {
        expect(rt.get(id)!.state).toBe('completed');
        expect(rt.aggregate(id)).toEqual(reference(seed, runs));
      }
    }),
    { numRuns: 40 },
  );
});
