// The parts the search panels share (How many?, Find a fight): the risk band chooser with its
// thresholds in words or the DM's own limits, the scope chooser, the Start / Pause / Continue / Stop
// buttons and the progress line in words.
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  BAND_PRESETS, BandError, customBand, MEASURE_LABEL, MEASURES, PRESET_IDS, type Band, type Measure, type PresetId, type Threshold,
} from '../../scenario/analysis/bands.ts';
import type { HowManyScope } from '../../scenario/analysis/how-many.ts';
import type { SearchRun } from '../../state/index.ts';
import { useApp } from '../session.ts';
import './search.css';

/** What each measure means, for the DM choosing thresholds. */
export const MEASURE_MEANS: Record<Measure, string> = {
  victory: 'every enemy is defeated and the party is still standing',
  tpk: 'the whole party is dead or down at once: the day is lost',
  dies: 'at least one character dies (three failed death saves, or massive damage)',
  down: 'at least one character drops to 0 hit points, even if healed later',
};

export const PRESET_ABOUT: Record<PresetId, string> = {
  easy: 'a scratch or two, nobody at real risk',
  medium: 'someone may go down; deaths are rare',
  hard: 'someone usually goes down; a death is possible, a wipe is not',
  deadly: 'characters die in a fair share of days',
};

export const percentText = (v: number): string => `${+(v * 100).toFixed(1)}%`;

export const capital = (text: string): string => text[0].toUpperCase() + text.slice(1);
export const lowerFirst = (text: string): string => text[0].toLowerCase() + text.slice(1);

/** "Someone goes down in 5% to 20% of fights; someone dies in at most 1%; total party kill in at most 1%." */
export function bandInWords(band: Band, scope: HowManyScope): string {
  const unit = scope === 'day' ? 'days' : 'fights';
  // In the band's own order: its first threshold is usually the one that makes it what it is.
  const measures = [...new Set(band.thresholds.map((t) => t.measure))];
  const parts = measures.flatMap((m) => {
    const min = band.thresholds.filter((t) => t.measure === m && t.bound === 'min').map((t) => t.value);
    const max = band.thresholds.filter((t) => t.measure === m && t.bound === 'max').map((t) => t.value);
    const lo = min.length > 0 ? Math.max(...min) : null;
    const hi = max.length > 0 ? Math.min(...max) : null;
    if (lo === null && hi === null) return [];
    const edge = lo !== null && hi !== null ? `${percentText(lo)} to ${percentText(hi)}` : lo !== null ? `at least ${percentText(lo)}` : `at most ${percentText(hi!)}`;
    return [{ what: MEASURE_LABEL[m], edge }];
  });
  return `${parts.map((p, i) => `${i === 0 ? capital(p.what) : p.what} in ${p.edge}${i === 0 ? ` of ${unit}` : ''}`).join('; ')}.`;
}

export type CustomFields = Record<Measure, { min: string; max: string }>;
export const EMPTY_CUSTOM: CustomFields = { victory: { min: '', max: '' }, tpk: { min: '', max: '2' }, dies: { min: '', max: '10' }, down: { min: '50', max: '' } };

/** The custom band from the fields (percentages; blank is no limit), or what is wrong with them. */
export function customFrom(fields: CustomFields): { band: Band } | { problem: string } {
  const thresholds: Threshold[] = [];
  for (const m of MEASURES) {
    for (const bound of ['min', 'max'] as const) {
      const text = fields[m][bound].trim();
      if (text === '') continue;
      const v = Number(text);
      if (!Number.isFinite(v) || v < 0 || v > 100) {
        return { problem: `"${MEASURE_LABEL[m]}", ${bound === 'min' ? 'at least' : 'at most'}: enter a percentage from 0 to 100, not "${text}".` };
      }
      thresholds.push({ measure: m, bound, value: v / 100 });
    }
  }
  if (thresholds.length === 0) return { problem: 'Give at least one limit for a band of your own.' };
  try {
    return { band: customBand(thresholds, 'your band') };
  } catch (e) {
    return { problem: e instanceof BandError ? `${e.message[0].toUpperCase()}${e.message.slice(1)}.` : String(e) };
  }
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

export const STATUS_WORDS: Record<SearchRun['status'], string> = {
  preparing: 'Preparing the search…', running: 'Searching', paused: 'Paused', stopped: 'Stopped', done: 'Answered', failed: 'Could not search',
};


/** The band the DM has chosen: a preset, or their own limits (which may be refused). */
export type BandChoice = PresetId | 'custom';

export const chosenBand = (id: BandChoice, custom: CustomFields): { band: Band } | { problem: string } =>
  (id === 'custom' ? customFrom(custom) : { band: BAND_PRESETS[id] });

/** The presets with their thresholds in words, or the DM's own limits in percent. */
export function BandChooser({ prefix, bandId, onBand, custom, onCustom, scope }: {
  prefix: string; bandId: BandChoice; onBand: (id: BandChoice) => void; custom: CustomFields; onCustom: (f: CustomFields) => void; scope: HowManyScope;
}) {
  const name = useId();
  const chosen = chosenBand(bandId, custom);
  return (
    <fieldset className="hm-choice hm-bands">
      <legend>Risk band</legend>
      {PRESET_IDS.map((id) => (
        <label key={id} className="hm-radio">
          <input type="radio" name={name} value={id} checked={bandId === id} onChange={() => onBand(id)} data-testid={`${prefix}-band-${id}`} />
          <span><strong>{BAND_PRESETS[id].name}</strong>: {PRESET_ABOUT[id]}.</span>
        </label>
      ))}
      <label className="hm-radio">
        <input type="radio" name={name} value="custom" checked={bandId === 'custom'} onChange={() => onBand('custom')} data-testid={`${prefix}-band-custom`} />
        <span><strong>Your own</strong>: limits on any of the four measures below.</span>
      </label>
      {bandId === 'custom' && <CustomBand fields={custom} onChange={onCustom} scope={scope} prefix={prefix} />}
      {'problem' in chosen
        ? <p className="fld-problem" role="status" data-testid={`${prefix}-band-problem`}>{chosen.problem}</p>
        : <p className="fld-hint hm-band-words" data-testid={`${prefix}-band-words`}>In the band: {lowerFirst(bandInWords(chosen.band, scope))}</p>}
    </fieldset>
  );
}

/** This fight alone (a fresh party) or the whole day. */
export function ScopeChooser({ prefix, scope, onScope }: { prefix: string; scope: HowManyScope; onScope: (s: HowManyScope) => void }) {
  const name = useId();
  return (
    <fieldset className="hm-choice">
      <legend>Judge</legend>
      {([['encounter', 'This fight alone', 'a fresh party, as if it were the only fight'], ['day', 'The whole day', 'this fight where it falls, after the fights before it']] as const).map(([id, label, about]) => (
        <label key={id} className="hm-radio">
          <input type="radio" name={name} value={id} checked={scope === id} onChange={() => onScope(id)} data-testid={`${prefix}-scope-${id}`} />
          <span>{label}<span className="hm-about"> ({about})</span></span>
        </label>
      ))}
    </fieldset>
  );
}

/** Pause or Continue, Continue after a stop (unless the scenario changed), and Stop, for the search `run`. */
export function SearchButtons({ kind, run, prefix, stale }: { kind: string; run: SearchRun | null; prefix: string; stale: boolean }) {
  const { pauseSearch, resumeSearch, stopSearch } = useApp(useShallow((s) => ({ pauseSearch: s.pauseSearch, resumeSearch: s.resumeSearch, stopSearch: s.stopSearch })));
  if (!run) return null;
  return (
    <>
      {(run.status === 'running' || run.status === 'paused') && (
        <button type="button" className="btn-small" data-testid={`${prefix}-pause`}
          onClick={() => (run.status === 'paused' ? void resumeSearch(kind) : pauseSearch(kind))}>
          {run.status === 'paused' ? 'Continue' : 'Pause'}
        </button>
      )}
      {run.status === 'stopped' && !stale && (
        <button type="button" className="btn-small" data-testid={`${prefix}-continue`} onClick={() => void resumeSearch(kind)}>Continue</button>
      )}
      {(run.status === 'running' || run.status === 'paused' || run.status === 'preparing') && (
        <button type="button" className="btn-small btn-danger" data-testid={`${prefix}-stop`} onClick={() => stopSearch(kind)}>Stop</button>
      )}
    </>
  );
}

/** The request the search of `kind` is waiting for, as the queue sees it. */
function useCurrentRequest(kind: string) {
  return useApp(useShallow((s) => {
    const id = s.searches[kind]?.current?.id;
    const snap = id ? s.requests[id] : undefined;
    return snap ? { state: snap.state, pausedBy: snap.pausedBy, runsDone: snap.runsDone } : null;
  }));
}

function CustomBand({ fields, onChange, scope, prefix }: { fields: CustomFields; onChange: (f: CustomFields) => void; scope: HowManyScope; prefix: string }) {
  const base = useId();
  return (
    <div className="hm-custom" data-testid={`${prefix}-custom`}>
      <p className="fld-hint">Percentages of {scope === 'day' ? 'days' : 'fights'}; leave a box empty for no limit.</p>
      {MEASURES.map((m) => (
        <div key={m} className="hm-measure">
          <p className="hm-measure-name"><strong>{capital(MEASURE_LABEL[m])}</strong><span className="hm-about">: {MEASURE_MEANS[m]}</span></p>
          {(['min', 'max'] as const).map((bound) => (
            <div key={bound} className="fld">
              <label htmlFor={`${base}-${m}-${bound}`}>{bound === 'min' ? 'At least (%)' : 'At most (%)'}</label>
              <input id={`${base}-${m}-${bound}`} type="number" inputMode="decimal" min={0} max={100} step="any" value={fields[m][bound]}
                data-testid={`${prefix}-${m}-${bound}`} onChange={(e) => onChange({ ...fields, [m]: { ...fields[m], [bound]: e.target.value } })} />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

/** "Searching: 5 counts tried, 1 in the band; 21,250 runs recorded; …; about 3 s left", and the timing once answered. */
export function SearchProgressLine({ run, prefix, noun }: { run: SearchRun; prefix: string; noun: string }) {
  const current = useCurrentRequest(run.kind);
  const p = run.progress;
  const rate = run.simulatedMs > 0 ? run.runsSimulated / run.simulatedMs : null;
  const left = run.status === 'running' && p.runsLeft !== null && rate ? `about ${seconds(Math.max(0, p.runsLeft) / rate)} left` : null;
  const doing = run.current
    ? current?.state === 'paused'
      ? current.pausedBy === 'preempted' ? `${run.current.label}: waiting while your edit is answered` : `${run.current.label}: paused`
      : current?.state === 'queued' || !current ? `${run.current.label}: waiting in the queue`
        : `${run.current.label}: ${current.runsDone.toLocaleString('en-US')} runs done`
    : null;
  const parts = [
    `${STATUS_WORDS[run.status]}: ${p.words}`,
    `${p.runsDone.toLocaleString('en-US')} runs recorded`,
    ...(doing && run.status !== 'done' ? [doing] : []),
    ...(left ? [left] : []),
  ];
  const visit = run.asked > 0
    ? `${plural(run.asked, 'evaluation')} asked for in this visit, ${run.fromStore} answered from stored results, ${run.runsSimulated.toLocaleString('en-US')} runs simulated`
    : null;
  return (
    <div className="hm-progress" data-testid={`${prefix}-progress`} data-status={run.status} data-tried={p.tried} data-evaluations={p.evaluations} data-resumed-at={run.resumedAt} data-resumed-evaluations={run.resumedEvaluations}
      data-asked={run.asked} data-from-store={run.fromStore} data-elapsed-ms={Math.round(run.elapsedMs)} data-restored={run.restored ? 'true' : 'false'}>
      <p className="hm-status-line" role="status" aria-live="polite" data-testid={`${prefix}-status`}>{parts.join('; ')}.</p>
      {run.restored && run.resumedAt > 0 && (
        <p className="fld-hint" data-testid={`${prefix}-restored`}>Carried on from where this device kept it: {plural(run.resumedAt, noun)} already tried.</p>
      )}
      {run.status === 'done' && (
        <p className="fld-hint" data-testid={`${prefix}-timing`}>
          Answered in {seconds(run.elapsedMs)}{visit ? `: ${visit}` : ''}.
        </p>
      )}
    </div>
  );
}

