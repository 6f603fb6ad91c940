// Form fields bound to one value of one creature in the draft. Each field selects only its own
// value and its own problem, so typing in one re-renders that field alone; a problem the checker
// finds is shown under the field that has it, with the reason.
import { useId } from 'react';
import { useApp } from '../session.ts';
import { creatureAt, getIn, keysPath, numberFromText, pathOf, setIn, updateCreature, type CreatureRef } from './creature-ref.ts';

type Keys = ReadonlyArray<string | number>;

interface FieldProps {
  creature: CreatureRef;
  keys: Keys;
  label: string;
  /** Shown beside the label for what the number means (e.g. "bonus"). */
  hint?: string;
  className?: string;
  testId?: string;
}

function useField(creature: CreatureRef, keys: Keys) {
  const path = pathOf(creature) + keysPath(keys);
  const value = useApp((s) => (s.draft ? getIn(creatureAt(s.draft, creature), keys) : undefined));
  const problem = useApp((s) => s.validation.issues[path] ?? null);
  const edit = useApp((s) => s.edit);
  const set = (next: unknown) => edit((d) => updateCreature(d, creature, (c) => setIn(c, keys, next) as typeof c), path);
  return { path, value, problem, set };
}

function Problem({ id, problem }: { id: string; problem: string | null }) {
  if (!problem) return null;
  return <span id={id} className="fld-problem" role="status" data-testid="field-problem">{problem}</span>;
}

export function NumberField({ creature, keys, label, hint, className, testId, optional, placeholder }: FieldProps & { optional?: boolean; placeholder?: string }) {
  const { value, problem, set } = useField(creature, keys);
  const id = useId();
  const text = value === undefined || value === null ? '' : String(value);
  return (
    <div className={`fld ${className ?? ''} ${problem ? 'fld-bad' : ''}`}>
      <label htmlFor={id}>{label}{hint && <span className="fld-hint"> {hint}</span>}</label>
      <input
        id={id} inputMode="numeric" value={text} data-testid={testId} aria-invalid={problem ? true : undefined} placeholder={placeholder}
        aria-describedby={problem ? `${id}-p` : undefined}
        onChange={(e) => set(optional && e.target.value.trim() === '' ? undefined : numberFromText(e.target.value))}
      />
      <Problem id={`${id}-p`} problem={problem} />
    </div>
  );
}

export function TextField({ creature, keys, label, hint, className, testId, optional }: FieldProps & { optional?: boolean }) {
  const { value, problem, set } = useField(creature, keys);
  const id = useId();
  return (
    <div className={`fld ${className ?? ''} ${problem ? 'fld-bad' : ''}`}>
      <label htmlFor={id}>{label}{hint && <span className="fld-hint"> {hint}</span>}</label>
      <input
        id={id} value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)} data-testid={testId}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-p` : undefined}
        onChange={(e) => set(optional && e.target.value.trim() === '' ? undefined : e.target.value)} spellCheck={false}
      />
      <Problem id={`${id}-p`} problem={problem} />
    </div>
  );
}

export function SelectField({ creature, keys, label, options, className, testId }: FieldProps & { options: ReadonlyArray<readonly [string, string]> }) {
  const { value, problem, set } = useField(creature, keys);
  const id = useId();
  const current = typeof value === 'string' ? value : options[0]?.[0] ?? '';
  return (
    <div className={`fld ${className ?? ''} ${problem ? 'fld-bad' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={current} data-testid={testId} onChange={(e) => set(e.target.value)} aria-describedby={problem ? `${id}-p` : undefined}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        {!options.some(([v]) => v === current) && <option value={current}>{current}</option>}
      </select>
      <Problem id={`${id}-p`} problem={problem} />
    </div>
  );
}

export function CheckField({ creature, keys, label, className, testId }: FieldProps) {
  const { value, set } = useField(creature, keys);
  // Unticked means absent, so a stat block without the trait stays as it was written.
  const id = useId();
  return (
    <div className={`fld fld-check ${className ?? ''}`}>
      <input id={id} type="checkbox" checked={value === true} data-testid={testId} onChange={(e) => set(e.target.checked ? true : undefined)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A list of damage types or conditions written as comma-separated words. */
export function ListField({ creature, keys, label, className, testId }: FieldProps) {
  const { value, problem, set } = useField(creature, keys);
  const id = useId();
  const text = Array.isArray(value) ? value.join(', ') : '';
  return (
    <div className={`fld ${className ?? ''} ${problem ? 'fld-bad' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id} defaultValue={text} key={text} data-testid={testId} placeholder="none" spellCheck={false}
        aria-describedby={problem ? `${id}-p` : undefined}
        onBlur={(e) => set(e.target.value.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean))}
      />
      <Problem id={`${id}-p`} problem={problem} />
    </div>
  );
}

/** A list of whole numbers written with commas, such as spell slots per level: "4, 3, 2". */
export function NumberListField({ creature, keys, label, hint, className, testId }: FieldProps) {
  const { path, value, problem, set } = useField(creature, keys);
  const itemProblem = useApp((s) => Object.entries(s.validation.issues).find(([p]) => p.startsWith(`${path}[`))?.[1] ?? null);
  const id = useId();
  const text = Array.isArray(value) ? value.join(', ') : '';
  const shown = problem ?? itemProblem;
  return (
    <div className={`fld ${className ?? ''} ${shown ? 'fld-bad' : ''}`}>
      <label htmlFor={id}>{label}{hint && <span className="fld-hint"> {hint}</span>}</label>
      <input
        id={id} defaultValue={text} key={text} data-testid={testId} placeholder="none" inputMode="numeric"
        aria-describedby={shown ? `${id}-p` : undefined} aria-invalid={shown ? true : undefined}
        onBlur={(e) => {
          const parts = e.target.value.split(',').map((w) => w.trim()).filter(Boolean);
          set(parts.length === 0 ? undefined : parts.map(numberFromText));
        }}
      />
      <Problem id={`${id}-p`} problem={shown} />
    </div>
  );
}

const USES = [
  ['at-will', 'at will'], ['encounter', 'per fight'], ['short-rest', 'per short rest'], ['long-rest', 'per long rest'], ['recharge', 'recharge'],
] as const;

/** How often an action can be used: at will, N per fight or rest, or on a recharge roll. */
export function UsesField({ creature, keys, className }: Omit<FieldProps, 'label'>) {
  const { path, value, set } = useField(creature, keys);
  const problem = useApp((s) => Object.entries(s.validation.issues).find(([p]) => p === path || p.startsWith(`${path}.`))?.[1] ?? null);
  const ids = { per: useId(), n: useId() };
  const uses = value && typeof value === 'object' ? (value as { per?: unknown; count?: unknown; min?: unknown }) : { per: 'at-will' };
  const per = typeof uses.per === 'string' ? uses.per : 'at-will';
  const number = per === 'recharge' ? uses.min ?? 5 : uses.count ?? 1;
  return (
    <>
      <div className={`fld ${className ?? ''} ${problem ? 'fld-bad' : ''}`}>
        <label htmlFor={ids.per}>Uses</label>
        <select id={ids.per} value={per} onChange={(e) => {
          const next = e.target.value;
          set(next === 'at-will' ? { per: next } : next === 'recharge' ? { per: next, min: 5 } : { per: next, count: 1 });
        }} aria-describedby={problem ? `${ids.per}-p` : undefined}>
          {USES.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
        </select>
        <Problem id={`${ids.per}-p`} problem={problem} />
      </div>
      {per !== 'at-will' && (
        <div className="fld">
          <label htmlFor={ids.n}>{per === 'recharge' ? 'Recharges on' : 'Times'}{per === 'recharge' && <span className="fld-hint"> (to 6)</span>}</label>
          <input id={ids.n} inputMode="numeric" value={String(number)}
            onChange={(e) => set({ ...uses, per, [per === 'recharge' ? 'min' : 'count']: numberFromText(e.target.value) })} />
        </div>
      )}
    </>
  );
}

/** A reaction the creature has or not, kept in its `reactions` list (Shield, Uncanny Dodge). */
export function ReactionToggle({ creature, kind, label }: { creature: CreatureRef; kind: string; label: string }) {
  const { value, set } = useField(creature, ['reactions']);
  const id = useId();
  const list = Array.isArray(value) ? (value as Array<{ kind?: unknown }>) : [];
  const has = list.some((r) => r && r.kind === kind);
  return (
    <div className="fld fld-check">
      <input id={id} type="checkbox" checked={has} onChange={(e) => {
        const next = e.target.checked ? [...list, { kind }] : list.filter((r) => !r || r.kind !== kind);
        set(next.length > 0 ? next : undefined);
      }} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
