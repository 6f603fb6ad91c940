// Replay: a representative run of the newest result (worst, 5th percentile, median, 95th, best,
// a total party kill), re-simulated from its seed with a full log in a worker when the result was
// made. It opens on the run that went worst, folded so the fight that decided it reads first.
import { ReplayView } from '../replay/ReplayView.tsx';
import { useSlots } from './useSlots.ts';

export function ReplayScreen() {
  const { view, error, loading } = useSlots();
  if (loading) return <p className="panel fld-hint">Reading the stored results…</p>;
  if (error) return <p className="panel fld-problem" role="alert">The stored results could not be read: {error}</p>;
  const newest = view?.newest?.ok ? view.newest : null;
  return (
    <section className="panel" aria-label="Replay" data-testid="replay-screen">
      {!newest ? (
        <p className="fld-hint" data-testid="replay-empty">No finished result yet: when one is in, its worst, median and best fights can be read here blow by blow.</p>
      ) : newest.payload.replays.length === 0 ? (
        <p className="fld-hint">This result was stored without replays.</p>
      ) : (
        <ReplayView replays={newest.payload.replays} layout={newest.payload.layout} runs={newest.result.runs} />
      )}
    </section>
  );
}
