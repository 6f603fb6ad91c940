// The regular text of SRD 5.2 stat blocks, read into parts: an attack roll ("Melee Attack Roll:
// +14, reach 10 ft. 13 (1d10 + 8) Slashing damage plus 5 (2d4) Fire damage."), a saving throw
// effect ("Dexterity Saving Throw: DC 21, each creature in a 60-foot Cone. Failure: 59 (17d6) Fire
// damage. Success: Half damage."), and the 2014 wording the shared rider and trait readers know
// ("DC 10 Constitution saving throw", "is paralyzed", "can repeat the saving throw").

import { abilityFromText } from '../srd/stat-block.ts';
import type { Ability } from '../../../engine/index.ts';

/** Markup left in the export: "Sphere [Area of Effect]|XPHB|Sphere", bold and italics. */
export function plainText(text: string): string {
  return text
    .replace(/\s*\[[^\]]*\]\|[A-Z0-9]+\|[A-Za-z-]+/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|\s)_([^_]+)_/g, '$1$2')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const ABILITY = '(Strength|Dexterity|Constitution|Intelligence|Wisdom|Charisma)';

/** The 2024 phrasing rewritten in the 2014 phrasing the shared readers understand. */
export function as2014Wording(text: string): string {
  return plainText(text)
    .replace(new RegExp(`${ABILITY} Saving Throw:\\s*DC (\\d+)`, 'g'), (_m, ab: string, dc: string) => `DC ${dc} ${ab} saving throw:`)
    .replace(/\b(has|have|had) the (\w+) condition\b/gi, (_m, verb: string, c: string) => `${verb.toLowerCase() === 'have' ? 'be' : 'is'} ${c.toLowerCase()}`)
    .replace(/\brepeats? the save\b/gi, 'can repeat the saving throw')
    .replace(/\bHit Points\b/g, 'hit points');
}

export interface AttackRoll {
  reach: 'melee' | 'ranged';
  /** "Melee or Ranged": both; the engine runs it as melee. */
  both: boolean;
  toHit: number;
  /** Words after the bonus, "(with Advantage if the target is Grappled)", else ''. */
  bonusNote: string;
  /** What a hit does: the text after the reach or range. */
  hit: string;
}

/** An attack roll's parts, or null when the text is not one ("+17 to hit" is a slip of one stat block). */
export function readAttackRoll(desc: string): AttackRoll | null {
  const text = plainText(desc);
  const m = /^(Melee or Ranged|Melee|Ranged) Attack Roll:\s*([+-]\s*\d+)(?:\s+to hit)?\s*(\([^)]*\))?\s*,?\s*(?:(?:reach|range)\s[^.]*?(?:ft|feet)\.)(?:\s*or\s+range\s[^.]*?(?:ft|feet)\.)?\s*(.*)$/i.exec(text);
  if (!m) return null;
  const kind = m[1].toLowerCase();
  return {
    reach: kind === 'ranged' ? 'ranged' : 'melee',
    both: kind === 'melee or ranged',
    toHit: Number(m[2].replace(/\s/g, '')),
    bonusNote: m[3] ?? '',
    hit: m[4].replace(/^(?:Hit|Hit or Miss):\s*/i, ''),
  };
}

export interface SavingThrowEffect {
  ability: Ability;
  dc: number;
  /** Who it catches: "each creature in a 60-foot Cone". */
  targets: string;
  /** After "Failure:" (or "First Failure:"). */
  failure: string;
  /** After "Success:". */
  success: string;
  /** After "Failure or Success:". */
  either: string;
  /** What comes before the saving throw ("If the aboleth sees...", "The solar teleports..."). */
  before: string;
}

/** A saving-throw effect's parts, or null when the text has none. */
export function readSavingThrow(desc: string): SavingThrowEffect | null {
  const text = plainText(desc);
  const m = new RegExp(`${ABILITY} Saving Throw:\\s*DC (\\d+)\\s*(?:\\([^)]*\\)\\s*)?(?:,\\s*|\\.\\s*)(.*)$`, 'i').exec(text);
  if (!m) return null;
  const ability = abilityFromText(m[1]);
  if (!ability) return null;
  const rest = m[3];
  const at = (label: RegExp): number => rest.search(label);
  const cut = (label: RegExp): string => {
    const i = at(label);
    if (i < 0) return '';
    const after = rest.slice(i).replace(label, '');
    const next = after.search(/\b(?:Failure or Success:|First Failure:?|Second Failure:?|Failure:|Success:)/);
    return (next < 0 ? after : after.slice(0, next)).trim();
  };
  const firstLabel = rest.search(/\b(?:Failure or Success:|First Failure:?|Second Failure:?|Failure:|Success:)/);
  return {
    ability,
    dc: Number(m[2]),
    targets: (firstLabel < 0 ? rest : rest.slice(0, firstLabel)).trim(),
    failure: cut(/\bFirst Failure:?\s*|\bFailure:\s*/),
    success: cut(/(?<!or )\bSuccess:\s*/),
    either: cut(/\bFailure or Success:\s*/),
    before: text.slice(0, m.index).trim(),
  };
}
