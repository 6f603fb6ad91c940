// How faithfully the simulation runs a compendium or imported monster: as written, with stated
// approximations, or with gaps (what affects a fight and is not run), with the lines in a disclosure.

export interface Fidelity {
  approximations: string[];
  /** What the simulation does not run at all. */
  gaps: string[];
}

export function fidelitySummary({ approximations, gaps }: Fidelity): string {
  if (gaps.length === 0 && approximations.length === 0) return 'Runs as written';
  const approximated = approximations.length > 0 ? `approximated: ${approximations.length}` : '';
  if (gaps.length === 0) return `A${approximated.slice(1)}`;
  return `Not simulated: ${gaps.length}${approximated ? ` · ${approximated}` : ''}`;
}

export function MonsterFidelity({ fidelity }: { fidelity: Fidelity }) {
  const { approximations, gaps } = fidelity;
  const summary = fidelitySummary(fidelity);
  if (gaps.length === 0 && approximations.length === 0) return <p className="cr-notes" data-testid="fidelity">{summary}</p>;
  return (
    <details className="cr-notes" data-testid="fidelity">
      <summary>{summary}</summary>
      {gaps.length > 0 && (
        <>
          <p className="fid-head">Not simulated</p>
          <ul>{gaps.map((n) => <li key={n}>{n}</li>)}</ul>
        </>
      )}
      {approximations.length > 0 && (
        <>
          <p className="fid-head">Approximated</p>
          <ul>{approximations.map((n) => <li key={n}>{n}</li>)}</ul>
        </>
      )}
    </details>
  );
}
