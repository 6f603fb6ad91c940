// A request key for tests that must not depend on the scenario module's hashing: canonical JSON of
// the inputs. The app uses scenario/'s requestKey.
import type { ScenarioSpec } from '../../engine/index.ts';

export function jsonKey(spec: ScenarioSpec, settings: { seed: number; runs: number; runOutcomes?: boolean; noReplays?: boolean }, engineVersion: string): string {
  const extras = [settings.runOutcomes ? 'runOutcomes' : '', settings.noReplays ? 'noReplays' : ''].filter(Boolean);
  return JSON.stringify([spec, settings.seed, settings.runs, engineVersion, ...extras]);
}
