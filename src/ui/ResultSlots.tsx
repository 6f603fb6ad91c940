// The scenario's two stored results side by side: the newest and the one before it (or the pinned
// baseline), each with party victory and defeat, runs and seed, and what the newest changed. A slot
// whose stored blob cannot be read is named with its problem; the other slot is still shown.
import { useState } from 'react';
import type { SlotName } from '../storage/db.ts';
import type { SlotContent } from '../storage/slot-store.ts';
import { aggregateDigest, type ResultPayload } from '../runtime/index.ts';
import { useSlots } from './screens/useSlots.ts';
import { useSession } from './session.ts';
import { buildRows, compareSummary } from './compare/compare-rows.ts';
import { integer, percent } from './results/format.ts';
import './result-slots.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function ResultSlots({ scenarioName }: { scenarioName: string }) {
  const loaded = useSlots();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const scenarioId = loaded.scenarioId;

  if (loaded.loading || !scenarioId) return null;
  const { view } = loaded;
  const title = <h3 id="slots-title">Stored results of {scenarioName}</h3>;
  if (loaded.error) {
    return <div className="rs-wrap" aria-labelledby="slots-title">{title}<p role="alert" className="rp-error">Stored results could not be read: {loaded.error}</p></div>;
  }
  if (!view || (!view.newest && !view.other)) {
    return (
      <div className="rs-wrap" data-testid="result-slots" aria-labelledby="slots-title">
        {title}
        <p className="rp-muted" data-testid="slots-empty">No stored result yet: a finished simulation is kept here, with the one before it for comparison.</p>
      </div>
    );
  }
  const pinned = view.record.pinned;
  const pin = async (slot: SlotName | null) => {
    setBusy(true);
    await session.pin(scenarioId, slot);
    setBusy(false);
  };
  const newest = view.newest?.ok ? view.newest : null;
  const other = view.other?.ok ? view.other : null;
  return (
    <div className="rs-wrap" data-testid="result-slots" aria-labelledby="slots-title">
      {title}
      <div className="rs-grid">
        {view.newest && <SlotCard testId="slot-newest" label="Newest" content={view.newest} pinned={pinned} busy={busy} onPin={pin} />}
        {view.other && (
          <SlotCard testId="slot-previous" label={pinned === view.other.slot ? 'Baseline (pinned)' : 'Previous'} content={view.other} pinned={pinned} busy={busy} onPin={pin} />
        )}
      </div>
      {newest && other && <Change newest={newest.payload} other={other.payload} baseline={pinned === other.slot} />}
    </div>
  );
}

function SlotCard({ testId, label, content, pinned, busy, onPin }: {
  testId: string; label: string; content: SlotContent<ResultPayload>; pinned: SlotName | null; busy: boolean; onPin: (slot: SlotName | null) => void;
}) {
  if (!content.ok) {
    return (
      <article className="rs-card rs-card-bad" data-testid={testId} data-state="damaged">
        <h4>{label} <span className="rp-muted">· slot {content.slot.toUpperCase()}</span></h4>
        <p role="alert" className="rp-error" data-testid="slot-error">
          This stored result cannot be used and was skipped: {content.error}. Simulate again to replace it.
        </p>
      </article>
    );
  }
  const { aggregate } = content.payload;
  const runs = aggregate.runs;
  const isPinned = pinned === content.slot;
  return (
    <article className="rs-card" data-testid={testId} data-state="ok" data-key={content.key} data-seed={content.result.seed} data-runs={runs}>
      <h4>{label} <span className="rp-muted">· slot {content.slot.toUpperCase()}</span></h4>
      <dl className="rs-figures">
        <div><dt>Party victory</dt><dd data-testid="slot-victory">{percent(aggregate.dayVictory / runs)}</dd></div>
        <div><dt>Party defeat</dt><dd data-testid="slot-defeat">{percent(aggregate.dayDefeat / runs)}</dd></div>
        <div><dt>Runs</dt><dd data-testid="slot-runs">{integer(runs)}</dd></div>
        <div><dt>Seed</dt><dd data-testid="slot-seed">{content.result.seed}</dd></div>
      </dl>
      <p className="rp-muted rs-meta">
        Stored {timeFormat.format(content.result.createdAt)} · <code data-testid="slot-digest">{aggregateDigest(aggregate)}</code>
      </p>
      <button type="button" className="rp-small" data-testid={isPinned ? 'unpin-button' : 'pin-button'} disabled={busy}
        aria-pressed={isPinned} onClick={() => onPin(isPinned ? null : content.slot)}>
        {isPinned ? 'Unpin baseline' : 'Pin as baseline'}
      </button>
    </article>
  );
}

function Change({ newest, other, baseline }: { newest: ResultPayload; other: ResultPayload; baseline: boolean }) {
  // The same rows, tests and words as the Compare screen, so the two never disagree.
  const summary = compareSummary(buildRows(newest, other));
  return (
    <p className="rs-change" data-testid="slot-change">
      Against the {baseline ? 'baseline' : 'previous result'}: {summary.join(' ')}
    </p>
  );
}
