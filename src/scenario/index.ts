// scenario/: everything between outside input and the engine, by job. format/ is the versioned
// file format and its defaults, the one loading pipeline every file, paste, link or stored record
// goes through, canonical JSON with the request key, and share links; interop/ reads and writes
// other tools' files (BattleSim, monster stat blocks, result exports); content/ holds the class
// templates and the SRD compendium; analysis/ holds sweeps and difficulty ratings. Anything a user
// can get wrong ends as a ScenarioError naming the origin, the field and the problem. This barrel
// exports the loading pipeline and the canonical form; the other modules are imported directly by
// path, most of them lazily to keep them out of the first page load.

export { ScenarioError, MAX_ISSUES, type ScenarioIssue } from './format/errors.ts';
export {
  SCENARIO_FORMAT, SCENARIO_VERSION, LIMITS, scenarioFileSchema,
  type ParsedScenarioFile, type ScenarioFileInput, type ScenarioRunSettings,
} from './format/schema.ts';
export { MAX_DEPTH, MAX_TEXT_BYTES } from './format/safety.ts';
export { loadScenarioText, loadScenarioJson, migrateDocument, MIGRATIONS, type LoadedScenario, type LoadOptions, type Migration } from './format/load.ts';
export {
  estimateRunCost, runCostProblem, runCostQuestion, describeCost, describeDuration, HARD_LIMIT_PER_RUN_US, SOFT_LIMIT_TOTAL_US, CLICKED_SOFT_LIMIT_TOTAL_US, MAX_UNASKED_RUNS,
  type RunCostEstimate, type EncounterCost, type RunWork,
} from './format/run-cost.ts';
export { groupWarnings, type LoadWarning, type WarningGroup, type WarningKind } from './format/warnings.ts';
export { importBattleSim, isBattleSimDocument, type BattleSimImport } from './interop/battlesim.ts';
export {
  canonicalJson, hashString, requestKey, toScenarioDocument, toScenarioFile,
  type RunSettings, type ScenarioDocument,
} from './format/canonical.ts';
