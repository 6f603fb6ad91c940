import { describe, expect, it } from 'vitest';
import type { Aggregate, AggregateLayout } from '../../engine/index.ts';
import type { ShownAnswer } from '../answer/shown-answer.ts';
import { dayAnswerOf } from './day-answer.ts';

const fight = (reached: number, victory: number, defeat: number) => ({ reached, victory, defeat }) as Aggregate['encounters'][number];

function shown(names: string[], options: Partial<ShownAnswer> = {}): ShownAnswer {
  const layout = { encounters: names.map((name) => ({ name, enemies: [], enemyActions: [] })) } as unknown as AggregateLayout;
  const aggregate = { runs: 1000, encounters: names.map(() => fight(1000, 970, 30)) } as unknown as Aggregate;
  return { aggregate, layout, seed: 1, stale: false, live: false, ...options };
}

const settled = { checking: false, invalid: false, held: false };

describe('the simulated figures beside each fight of the Day screen', () => {
  it('are those of the answer when its fights are the draft\'s, by name and in order', () => {
    const answer = dayAnswerOf(shown(['Ford', 'Cave']), ['Ford', ' Cave '], settled);
    expect(answer).toMatchObject({ runs: 1000, stale: null, live: false });
    expect(answer!.encounters[1]).toMatchObject({ reached: 1000, victory: 970, defeat: 30 });
  });

  it('are nothing when a fight was added, removed, renamed or moved, rather than another fight\'s numbers', () => {
    expect(dayAnswerOf(shown(['Ford', 'Cave']), ['Ford', 'Cave', 'Encounter 3'], settled)).toBeNull();
    expect(dayAnswerOf(shown(['Ford', 'Cave']), ['Ford'], settled)).toBeNull();
    expect(dayAnswerOf(shown(['Ford', 'Cave']), ['Ford', 'Crypt'], settled)).toBeNull();
    expect(dayAnswerOf(shown(['Ford', 'Cave']), ['Cave', 'Ford'], settled)).toBeNull();
    expect(dayAnswerOf(null, ['Ford'], settled)).toBeNull();
    expect(dayAnswerOf(shown(['Ford']), null, settled)).toBeNull();
  });

  it('say why they are out of date: a newer answer on its way, an edit being checked, a problem, a run held back', () => {
    expect(dayAnswerOf(shown(['Ford'], { stale: true }), ['Ford'], settled)?.stale).toBe('runs from before your last change');
    expect(dayAnswerOf(shown(['Ford']), ['Ford'], { ...settled, checking: true })?.stale).toBe('runs from before your last change');
    expect(dayAnswerOf(shown(['Ford'], { stale: true }), ['Ford'], { ...settled, invalid: true })?.stale).toBe('the day has a problem to fix');
    expect(dayAnswerOf(shown(['Ford']), ['Ford'], { ...settled, held: true })?.stale).toBe('your last change waits for your yes to run');
  });

  it('say when they are still firming up', () => {
    expect(dayAnswerOf(shown(['Ford'], { live: true }), ['Ford'], settled)).toMatchObject({ stale: null, live: true });
  });
});
