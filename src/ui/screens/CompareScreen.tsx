// Compare: the scenario's two stored results side by side (newest against the previous one, or
// against the pinned baseline), each side labelled by what changed in the scenario, each change
// with whether it is a real change (tested together, Holm's correction at 95%).
import { useState } from 'react';
import type { SlotName } from '../../storage/db.ts';
import { CompareView } from '../compare/CompareView.tsx';
import { useSession } from '../session.ts';
import { useSlots } from './useSlots.ts';

// Seconds too: two results of one sitting often finish within the same minute.
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

export function CompareScreen() {
  const { view, error, loading, scenarioId } = useSlots();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  if (loading) return <p className="panel fld-hint">Reading the stored results…</p>;
  if (error) return <p className="panel fld-problem" role="alert">The stored results could not be read: {error}</p>;
  const newest = view?.newest?.ok ? view.newest : null;
  const other = view?.other?.ok ? view.other : null;
  const pinned = view?.record.pinned ?? null;
  const pin = async (slot: SlotName | null) => {
    if (!scenarioId) return;
    setBusy(true);
    await session.pin(scenarioId, slot);
    setBusy(false);
  };
  return (
    <section className="panel" aria-labelledby="compare-title" data-testid="compare-screen">
      <h2 id="compare-title">Compare</h2>
      {view?.newest && !view.newest.ok && <p className="fld-problem" role="alert">The newest stored result cannot be used: {view.newest.error}</p>}
      {view?.other && !view.other.ok && <p className="fld-problem" role="alert">The other stored result cannot be used: {view.other.error}</p>}
      {!newest || !other ? (
        <p className="fld-hint" data-testid="compare-empty">
          Two finished results are needed: change something in the party or the day, and when the new answer is in, it is compared here with the one before.
        </p>
      ) : (
        <>
          <p className="cr-buttons">
            {pinned !== null ? (
              <button type="button" className="btn-small" disabled={busy} onClick={() => void pin(null)} data-testid="compare-unpin">
                Unpin the baseline ({pinned === newest.slot ? 'the newest result' : 'the older result'})
              </button>
            ) : (
              <button type="button" className="btn-small" disabled={busy} onClick={() => void pin(newest.slot)} data-testid="compare-pin">Pin the newest as the baseline</button>
            )}
            <span className="fld-hint">A pinned baseline stays while newer results replace each other, so every tweak is compared with it.</span>
          </p>
          <CompareView
            newest={{
              label: timeFormat.format(newest.result.createdAt), aggregate: newest.payload.aggregate, layout: newest.payload.layout,
              seed: newest.result.seed, createdAt: newest.result.createdAt, spec: newest.payload.spec,
            }}
            other={{
              label: timeFormat.format(other.result.createdAt), aggregate: other.payload.aggregate, layout: other.payload.layout,
              seed: other.result.seed, createdAt: other.result.createdAt, spec: other.payload.spec,
            }}
            otherIsBaseline={pinned === other.slot}
          />
        </>
      )}
    </section>
  );
}
