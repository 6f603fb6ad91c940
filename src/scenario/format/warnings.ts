// Load warnings with a kind, so a long list can be shown as a few counted groups ("12 actions
// skipped: 8 reactions, 4 pre-combat buffs"), the ones that change the answer first: what was
// left out, then what was approximated, then how the file was read and what was ignored.

export type WarningKind = 'skipped' | 'left-out' | 'inactive' | 'approximated' | 'read-as' | 'ignored';

/** A warning's text, its kind and, for skipped or left-out things, why (singular and plural). */
export interface LoadWarning {
  text: string;
  kind: WarningKind;
  reason?: readonly [one: string, many: string];
}

export interface WarningGroup {
  kind: WarningKind;
  /** The count and what it is, e.g. "12 actions skipped: 8 reactions, 4 pre-combat buffs". */
  title: string;
  warnings: string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Most consequential first. */
const KINDS: ReadonlyArray<{ kind: WarningKind; title: (n: number) => string }> = [
  { kind: 'skipped', title: (n) => `${plural(n, 'action', 'actions')} skipped` },
  { kind: 'left-out', title: (n) => `${plural(n, 'thing', 'things')} left out` },
  { kind: 'inactive', title: (n) => `${plural(n, 'creature has', 'creatures have')} no action and will only take hits` },
  { kind: 'approximated', title: (n) => plural(n, 'approximation', 'approximations') },
  { kind: 'read-as', title: (n) => plural(n, 'note on how the file was read', 'notes on how the file was read') },
  { kind: 'ignored', title: (n) => plural(n, 'note on ignored fields', 'notes on ignored fields') },
];

/** The reasons of a group counted, the most frequent first: "8 reactions, 4 pre-combat buffs". */
function reasonCounts(list: readonly LoadWarning[]): string {
  const counts = new Map<string, { n: number; one: string; many: string }>();
  for (const w of list) {
    if (!w.reason) continue;
    const entry = counts.get(w.reason[0]) ?? { n: 0, one: w.reason[0], many: w.reason[1] };
    entry.n++;
    counts.set(w.reason[0], entry);
  }
  // A stable sort keeps reasons of equal count in the order they first appeared.
  return [...counts.values()].sort((a, b) => b.n - a.n).map((r) => plural(r.n, r.one, r.many)).join(', ');
}

export function groupWarnings(list: readonly LoadWarning[]): WarningGroup[] {
  const groups: WarningGroup[] = [];
  for (const { kind, title } of KINDS) {
    const members = list.filter((w) => w.kind === kind);
    if (members.length === 0) continue;
    const reasons = reasonCounts(members);
    // "Left out" reads best as the reasons themselves: "Left out: 1 empty encounter".
    const head = kind === 'left-out' && reasons ? `Left out: ${reasons}` : `${title(members.length)}${reasons ? `: ${reasons}` : ''}`;
    groups.push({ kind, title: head, warnings: members.map((w) => w.text) });
  }
  return groups;
}
