// Shared by the scenario tests (not used by the app): a small valid document and a way to catch
// the loader's error.
import { ScenarioError } from './errors.ts';

/** A valid version-1 document that leaves every optional field to its default. */
export function minimalDocument(): Record<string, unknown> {
  return {
    format: 'encounter-lab/scenario',
    version: 1,
    name: 'Minimal',
    party: [
      {
        name: 'Hero',
        hp: 20,
        ac: 15,
        actions: [{ type: 'attack', name: 'Sword', attacks: [{ toHit: 5, damage: '1d8+3' }] }],
      },
    ],
    encounters: [
      {
        enemies: [
          { name: 'Goblin', hp: 7, ac: 15, actions: [{ type: 'attack', name: 'Scimitar', attacks: [{ toHit: 4, damage: '1d6+2' }] }] },
        ],
      },
    ],
  };
}

/** Runs `load`, expects it to throw a ScenarioError and returns it. */
export function scenarioError(load: () => unknown): ScenarioError {
  let caught: unknown;
  try {
    load();
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof ScenarioError)) {
    throw new Error(`expected a ScenarioError, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  }
  if (caught.issues.length < 1 || caught.issues.length > 20) throw new Error(`expected 1 to 20 issues, got ${caught.issues.length}`);
  return caught;
}
