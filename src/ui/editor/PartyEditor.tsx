// The party: characters built from class templates (class, level, options) or as custom stat
// blocks, edited inline, duplicated, removed and reordered. A template character keeps its class
// choice, so changing its level or options rebuilds it (its name is kept). Templates are built to
// the scenario's rules edition (`rules.edition`), read from the draft.
import { useEffect, useId, useMemo, useState } from 'react';
import { blankCreature, draftEdition, moveItem, newUid, templateForEdition, uniqueName, type Draft, type DraftMember, type TemplateRef } from '../../state/index.ts';
import type { ClassInfo } from '../../scenario/content/classes/index.ts';
import { useApp } from '../session.ts';
import { CreatureEditor } from './CreatureEditor.tsx';
import './day.css';

type ClassesModule = typeof import('../../scenario/content/classes/index.ts');
let classesModule: Promise<ClassesModule> | null = null;
/** The templates are data the first page load does not need. */
export const loadClasses = (): Promise<ClassesModule> => (classesModule ??= import('../../scenario/content/classes/index.ts'));

function useClasses(): { mod: ClassesModule | null; error: string | null } {
  const [state, setState] = useState<{ mod: ClassesModule | null; error: string | null }>({ mod: null, error: null });
  useEffect(() => {
    let live = true;
    loadClasses().then((mod) => live && setState({ mod, error: null }), (e: unknown) => {
      classesModule = null;
      if (live) setState({ mod: null, error: `The class templates could not be loaded: ${e instanceof Error ? e.message : String(e)}` });
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

const namesOf = (d: Draft) => d.party.map((m) => String(m.creature.name ?? ''));

export function PartyEditor() {
  const uids = useApp((s) => s.draft?.party.map((m) => m.uid).join(',') ?? '');
  const edit = useApp((s) => s.edit);
  const { mod, error } = useClasses();
  const list = uids ? uids.split(',') : [];

  const change = (fn: (party: DraftMember[], d: Draft) => DraftMember[]) => edit((d) => ({ ...d, party: fn(d.party, d) }));

  return (
    <section aria-labelledby="party-title" className="panel party-screen" data-testid="party-screen">
      <h2 id="party-title">Party</h2>
      <TemplatePicker mod={mod} error={error} onAdd={(member) => change((p, d) => [...p, { ...member, creature: { ...member.creature, name: uniqueName(String(member.creature.name), namesOf(d)) } }])} />
      <p className="cr-buttons">
        <button type="button" className="btn-small" data-testid="add-custom-character"
          onClick={() => change((p, d) => [...p, { uid: newUid('m'), template: null, creature: blankCreature('character', uniqueName('Custom hero', namesOf(d))) }])}>
          Add a custom character
        </button>
      </p>
      {list.length === 0 && <p className="fld-hint">The party is empty: add at least one character.</p>}
      <ol className="cr-list">
        {list.map((uid, index) => (
          <li key={uid}>
            <MemberCard index={index} count={list.length} mod={mod} change={change} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function MemberCard({ index, count, mod, change }: {
  index: number; count: number; mod: ClassesModule | null;
  change: (fn: (party: DraftMember[], d: Draft) => DraftMember[]) => void;
}) {
  const template = useApp((s) => s.draft?.party[index]?.template ?? null);
  const edition = useApp((s) => draftEdition(s.draft));
  const notes = useMemo(() => {
    if (!mod || !template) return [];
    try {
      const t = templateForEdition(mod, edition, template);
      return mod.buildCharacter({ classId: t.classId as never, level: t.level, options: t.options, edition }).approximations;
    } catch {
      return [];
    }
  }, [mod, template, edition]);
  const rebuild = (wanted: TemplateRef) => change((p) => p.map((m, i) => {
    if (i !== index || !mod) return m;
    const next = templateForEdition(mod, edition, wanted);
    const built = mod.buildCharacter({ classId: next.classId as never, level: next.level, options: next.options, edition });
    return { ...m, template: next, creature: { ...built.creature, name: m.creature.name } };
  }));
  const info = template && mod ? mod.classesFor(edition).find((c) => c.id === template.classId) : undefined;
  return (
    <CreatureEditor
      creature={{ side: 'party', index }}
      notes={notes}
      badge={template ? <span>{info?.name ?? template.classId} {template.level}{template.options.length > 0 && info ? ` · ${template.options.map((o) => info.options.find((x) => x.id === o)?.label ?? o).join(', ')}` : ''}</span> : <span>Custom stat block</span>}
      extra={template && info ? <TemplateControls info={info} template={template} onChange={rebuild} /> : undefined}
      actions={{
        first: index === 0, last: index === count - 1,
        onMove: (delta) => change((p) => moveItem(p, index, index + delta)),
        onRemove: () => change((p) => p.filter((_, i) => i !== index)),
        onDuplicate: () => change((p, d) => {
          const m = p[index];
          const copy = { ...structuredClone(m), uid: newUid('m') };
          copy.creature.name = uniqueName(String(m.creature.name ?? 'Hero'), namesOf(d));
          return [...p.slice(0, index + 1), copy, ...p.slice(index + 1)];
        }),
      }}
    />
  );
}

function LevelSelect({ value, onChange, id, testId }: { value: number; onChange: (n: number) => void; id: string; testId?: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
      {Array.from({ length: 20 }, (_, i) => i + 1).map((l) => <option key={l} value={l}>{l}</option>)}
    </select>
  );
}

function OptionControls({ info, selected, onChange }: { info: ClassInfo; selected: string[]; onChange: (next: string[]) => void }) {
  const groups = new Map<string, typeof info.options>();
  const toggles = info.options.filter((o) => !o.group);
  for (const o of info.options) if (o.group) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  const base = useId();
  return (
    <>
      {[...groups].map(([group, options], gi) => {
        const current = options.find((o) => selected.includes(o.id))?.id ?? '';
        return (
          <div className="fld fld-option" key={group}>
            <label htmlFor={`${base}-g${gi}`}>{group[0].toUpperCase() + group.slice(1)}</label>
            <select id={`${base}-g${gi}`} value={current} onChange={(e) => onChange([...selected.filter((s) => !options.some((o) => o.id === s)), ...(e.target.value ? [e.target.value] : [])])}>
              <option value="">None</option>
              {options.map((o) => <option key={o.id} value={o.id} title={o.description}>{o.label}</option>)}
            </select>
          </div>
        );
      })}
      {toggles.map((o) => (
        <div className="fld fld-check" key={o.id}>
          <input id={`${base}-${o.id}`} type="checkbox" checked={selected.includes(o.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, o.id] : selected.filter((s) => s !== o.id))} />
          <label htmlFor={`${base}-${o.id}`} title={o.description}>{o.label}</label>
        </div>
      ))}
    </>
  );
}

function TemplateControls({ info, template, onChange }: { info: ClassInfo; template: TemplateRef; onChange: (t: TemplateRef) => void }) {
  const id = useId();
  return (
    <div className="cr-grid cr-template">
      <div className="fld">
        <label htmlFor={id}>{info.name} level</label>
        <LevelSelect id={id} value={template.level} onChange={(level) => onChange({ ...template, level })} />
      </div>
      <OptionControls info={info} selected={template.options} onChange={(options) => onChange({ ...template, options })} />
    </div>
  );
}

function TemplatePicker({ mod, error, onAdd }: { mod: ClassesModule | null; error: string | null; onAdd: (m: DraftMember) => void }) {
  const [classId, setClassId] = useState('fighter');
  const [level, setLevel] = useState(5);
  const [options, setOptions] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { cls: useId(), level: useId() };
  const edition = useApp((s) => draftEdition(s.draft));
  if (error) return <p className="fld-problem" role="alert">{error}</p>;
  if (!mod) return <p className="fld-hint">Loading the class templates…</p>;
  const classes = mod.classesFor(edition);
  const info = classes.find((c) => c.id === classId) ?? classes[0];
  // Options kept from another class or edition are dropped rather than refused.
  const chosen = (options ?? info.defaultOptions).filter((o) => info.options.some((x) => x.id === o));
  function add() {
    try {
      const built = mod!.buildCharacter({ classId: info.id, level, options: chosen, edition });
      onAdd({ uid: newUid('m'), template: { classId: info.id, level, options: chosen }, creature: built.creature });
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <fieldset className="cr-picker" data-testid="template-picker">
      <legend>Add a character from a class template</legend>
      <div className="cr-grid">
        <div className="fld">
          <label htmlFor={ids.cls}>Class</label>
          <select id={ids.cls} value={info.id} data-testid="template-class" onChange={(e) => { setClassId(e.target.value); setOptions(null); }}>
            {classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div className="fld">
          <label htmlFor={ids.level}>Level</label>
          <LevelSelect id={ids.level} value={level} onChange={setLevel} testId="template-level" />
        </div>
        <OptionControls info={info} selected={chosen} onChange={setOptions} />
        <button type="button" className="btn-primary" onClick={add} data-testid="add-template">Add {info.name} {level}</button>
      </div>
      <p className="fld-hint">{info.summary}</p>
      {problem && <p className="fld-problem" role="alert">{problem}</p>}
    </fieldset>
  );
}
