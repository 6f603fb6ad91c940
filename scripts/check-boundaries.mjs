// Enforces the folder layering of src/ (see the README): each folder imports only from itself and
// the folders it stands on, and the engine imports no package at all, so it stays pure TypeScript
// that runs unchanged in Node, tests and Web Workers. Tests are exempt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const allowed = {
  engine: ['engine'],
  scenario: ['scenario', 'engine'],
  storage: ['storage', 'scenario', 'engine'],
  runtime: ['runtime', 'storage', 'scenario', 'engine'],
  state: ['state', 'runtime', 'storage', 'scenario', 'engine'],
  app: ['app', 'ui', 'state', 'runtime', 'storage', 'scenario', 'engine'],
  ui: ['ui', 'state', 'runtime', 'storage', 'scenario', 'engine'],
  cli: ['cli', 'scenario', 'engine'],
};
// Packages a folder may use; the engine may use none.
const packagesAllowed = { engine: false };

const root = resolve('src');
const problems = [];

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) check(path);
  }
}

function check(file) {
  const folder = relative(root, file).split(sep)[0];
  const rules = allowed[folder];
  if (!rules) {
    problems.push(`${relative('.', file)}: folder "${folder}" is not part of the layering`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const re = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) {
      const resolved = relative(root, resolve(dirname(file), spec));
      // Data files outside src/ (scenarios, reference data) are not code layering.
      if (resolved.startsWith('..') && m[3] !== undefined) continue;
      const target = resolved.split(sep)[0];
      if (!rules.includes(target)) problems.push(`${relative('.', file)}: imports ${spec} (folder "${target}"), but ${folder}/ may only import from ${rules.join(', ')}`);
    } else if (packagesAllowed[folder] === false) {
      problems.push(`${relative('.', file)}: imports the package "${spec}", but ${folder}/ must stay free of packages and platform APIs`);
    }
  }
}

walk(root);
if (problems.length) {
  console.error(`Layering check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('Layering check: every import respects the folder layering.');
