// The run loop's hottest tests write numeric codes in place, with the constant's name beside them
// (see compiled.ts): every such code must be the value of the constant it names.
import { describe, expect, it } from 'vitest';
import * as compiled from './compiled.ts';
import * as fightState from './fight-state.ts';
import * as savingThrows from './rules/saving-throws.ts';
import * as tactics from './rules/tactics.ts';
import * as simulator from './simulator.ts';
import * as stats from './stats.ts';

const constants: Record<string, unknown> = { ...compiled, ...fightState, ...savingThrows, ...tactics, ...simulator, ...stats };
const sources = import.meta.glob<string>(['./*.ts', './rules/*.ts', '!./**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

describe('numeric codes written in place', () => {
  it('are the values of the constants they name', () => {
    let checked = 0;
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/(-?\d+) \/\* ([A-Z][A-Z0-9_]*) \*\//g)) {
        expect(constants[m[2]], `${m[2]} in ${file}`).toBe(Number(m[1]));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
