// scenario/: everything between outside input and the engine. The versioned file format and its
// defaults (schema.ts), the one loading pipeline every file, paste, link or stored record goes
// through (load.ts, safety.ts), the BattleSim importer (battlesim.ts), and canonical JSON with the
// request key and the exporter (canonical.ts). Anything a user can get wrong ends as a
// ScenarioError naming the origin, the field and the problem.

export { ScenarioError, MAX_ISSUES, type ScenarioIssue } from './format/errors.ts';
export {
  SCENARIO_FORMAT, SCENARIO_VERSION, LIMITS, scenarioFileSchema,
  type ParsedScenarioFile, type ScenarioFileInput, type ScenarioRunSettings,
} from './format/schema.ts';
export { MAX_DEPTH, MAX_TEXT_BYTES } from './format/safety.ts';
export { loadScenarioText, loadScenarioJson, migrateDocument, MIGRATIONS, type LoadedScenario, type Migration } from './format/load.ts';
export { importBattleSim, isBattleSimDocument, type BattleSimImport } from './interop/battlesim.ts';
export {
  canonicalJson, hashString, requestKey, toScenarioDocument, toScenarioFile,
  type RunSettings, type ScenarioDocument,
} from './format/canonical.ts';
