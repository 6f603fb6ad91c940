import { describe, expect, it } from 'vitest';
import { formatWarnings } from './format.ts';

describe('import warnings in the CLI', () => {
  it('are printed as counted groups, each with its first few warnings', () => {
    const groups = [
      { kind: 'skipped' as const, title: '12 actions skipped: 8 reactions, 4 pre-combat buffs', warnings: Array.from({ length: 12 }, (_, i) => `skip ${i + 1}`) },
      { kind: 'approximated' as const, title: '1 approximation', warnings: ['approx'] },
    ];
    expect(formatWarnings(groups)).toEqual([
      'Import warnings (13):',
      '  12 actions skipped: 8 reactions, 4 pre-combat buffs',
      '    - skip 1', '    - skip 2', '    - skip 3', '    - skip 4', '    - skip 5',
      '    ...and 7 more',
      '  1 approximation',
      '    - approx',
    ]);
    expect(formatWarnings([])).toEqual([]);
  });
});
