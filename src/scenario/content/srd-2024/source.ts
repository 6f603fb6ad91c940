// The SRD 5.2 bestiary as the Open5e export stores it: one list of records per table
// (`{ model, pk, fields }`), actions, attacks and traits pointing at their parent by `pk`. This
// module joins them into one record per creature, the converter's input, reading only the fields
// it names; anything odd is left for the converter to note.

export interface SourceRecord {
  model?: string;
  pk: string;
  fields: Record<string, unknown>;
}

export interface Srd2024Attack {
  toHit: number | null;
  /** Dice count, die ("D10"), bonus and type of the first part; the type is often null (see the README's quirk). */
  dieCount: number | null;
  dieType: string | null;
  bonus: number | null;
  damageType: string | null;
  extraDieCount: number | null;
  extraDieType: string | null;
  extraBonus: number | null;
  extraDamageType: string | null;
  reach: number | null;
  range: number | null;
}

export interface Srd2024Action {
  key: string;
  name: string;
  desc: string;
  /** ACTION, BONUS_ACTION, REACTION or LEGENDARY_ACTION. */
  actionType: string;
  /** RECHARGE_ON_ROLL, RECHARGE, PER_DAY or null. */
  usesType: string | null;
  usesParam: number | null;
  legendaryCost: number | null;
  /** "Vampire Form Only" and the like. */
  limitedToForm: string | null;
  order: number;
  attacks: Srd2024Attack[];
}

export interface Srd2024Creature {
  key: string;
  fields: Record<string, unknown>;
  actions: Srd2024Action[];
  traits: Array<{ name: string; desc: string }>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function isRecord(v: unknown): v is SourceRecord {
  return typeof v === 'object' && v !== null && typeof (v as { pk?: unknown }).pk === 'string'
    && typeof (v as { fields?: unknown }).fields === 'object' && (v as { fields?: unknown }).fields !== null;
}

function records(list: unknown, what: string): SourceRecord[] {
  if (!Array.isArray(list)) throw new Error(`${what}: expected a list of records`);
  return list.filter(isRecord);
}

function byParent(list: SourceRecord[]): Map<string, SourceRecord[]> {
  const out = new Map<string, SourceRecord[]>();
  for (const r of list) {
    const parent = str(r.fields.parent);
    if (!parent) continue;
    const group = out.get(parent);
    if (group) group.push(r);
    else out.set(parent, [r]);
  }
  return out;
}

/** Joins the four tables into one record per creature, in the creatures' order. */
export function joinSrd2024(tables: { creatures: unknown; actions: unknown; attacks: unknown; traits: unknown }): Srd2024Creature[] {
  const creatures = records(tables.creatures, 'Creature.json');
  const actions = byParent(records(tables.actions, 'CreatureAction.json'));
  const attacks = byParent(records(tables.attacks, 'CreatureActionAttack.json'));
  const traits = byParent(records(tables.traits, 'CreatureTrait.json'));
  return creatures.map((c) => ({
    key: c.pk,
    fields: c.fields,
    actions: (actions.get(c.pk) ?? []).map((a): Srd2024Action => ({
      key: a.pk,
      name: str(a.fields.name).trim(),
      desc: str(a.fields.desc),
      actionType: str(a.fields.action_type) || 'ACTION',
      usesType: strOrNull(a.fields.uses_type),
      usesParam: num(a.fields.uses_param),
      legendaryCost: num(a.fields.legendary_action_cost),
      limitedToForm: strOrNull(a.fields.limited_to_form),
      order: num(a.fields.order_in_statblock) ?? 0,
      attacks: (attacks.get(a.pk) ?? []).map((k) => ({
        toHit: num(k.fields.to_hit_mod),
        dieCount: num(k.fields.damage_die_count),
        dieType: strOrNull(k.fields.damage_die_type),
        bonus: num(k.fields.damage_bonus),
        damageType: strOrNull(k.fields.damage_type),
        extraDieCount: num(k.fields.extra_damage_die_count),
        extraDieType: strOrNull(k.fields.extra_damage_die_type),
        extraBonus: num(k.fields.extra_damage_bonus),
        extraDamageType: strOrNull(k.fields.extra_damage_type),
        reach: num(k.fields.reach),
        range: num(k.fields.range),
      })),
    })).sort((x, y) => typeOrder(x.actionType) - typeOrder(y.actionType) || x.order - y.order),
    traits: (traits.get(c.pk) ?? []).map((t) => ({ name: str(t.fields.name).trim(), desc: str(t.fields.desc) })),
  }));
}

const TYPE_ORDER = ['ACTION', 'BONUS_ACTION', 'REACTION', 'LEGENDARY_ACTION'];
function typeOrder(t: string): number {
  const i = TYPE_ORDER.indexOf(t);
  return i < 0 ? TYPE_ORDER.length : i;
}
