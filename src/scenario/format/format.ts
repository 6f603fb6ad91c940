// The scenario file format's identity, apart from its zod schema, so code that only names the
// format (hashing, export, the runtime's request keys) does not pull the validator into the first
// page load.

export const SCENARIO_FORMAT = 'encounter-lab/scenario';
export const SCENARIO_VERSION = 1;

export interface ScenarioRunSettings {
  runs?: number;
  seed?: number;
}
