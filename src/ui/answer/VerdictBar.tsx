// The verdict bar: the answer to "how does this day go", always in view at the bottom of the window
// on every screen, so an edit on the Day screen shows its effect where the DM is looking. Party
// victory, the chance someone dies, a total party kill, who is most at risk, what the XP arithmetic
// says, and whether the numbers are firm, firming up or out of date. Every figure keeps its width
// while it firms up, so nothing jumps.
import { dayVerdict } from '../../scenario/analysis/verdict.ts';
import { chance } from '../../scenario/analysis/verdict.ts';
import { percent } from '../results/format.ts';
import { useAnswerStatus, useShownAnswer } from './shown-answer.ts';
import { hardestRating, useRatedDay } from './xp-rating.ts';
import './verdict-bar.css';

export function VerdictBar() {
  const shown = useShownAnswer();
  const status = useAnswerStatus(shown);
  const rated = useRatedDay();
  const xp = hardestRating(rated);
  const verdict = shown && shown.aggregate.runs > 0 ? dayVerdict(shown.aggregate, shown.layout) : null;
  const several = (rated?.encounters.length ?? 0) > 1;
  return (
    <aside className="vb" aria-label="Verdict" data-testid="verdict-bar" data-state={status.state}>
      <dl className={`vb-figures ${status.state === 'stale' ? 'vb-stale' : ''}`}>
        <div className="vb-cell vb-main">
          <dt>Party wins</dt>
          <dd data-testid="victory-probability">{verdict ? percent(verdict.victory) : '—'}</dd>
        </div>
        <div className="vb-cell">
          <dt>Someone dies</dt>
          <dd data-testid="verdict-dies">{verdict ? chance(verdict.someoneDies) : '—'}</dd>
        </div>
        <div className="vb-cell">
          <dt><abbr title="Total party kill: the whole party down at once">TPK</abbr></dt>
          <dd data-testid="verdict-tpk">{verdict ? chance(verdict.totalPartyKill) : '—'}</dd>
        </div>
        <div className="vb-cell vb-wide">
          <dt>Most at risk</dt>
          <dd data-testid="verdict-at-risk" title={verdict?.atRisk ? `${verdict.atRisk.name}: down in ${chance(verdict.atRisk.down)} of ${several ? 'days' : 'fights'}, dead in ${chance(verdict.atRisk.death)}` : undefined}>
            {verdict ? (verdict.atRisk ? `${verdict.atRisk.name} · down ${chance(verdict.atRisk.down)}` : 'No one drops') : '—'}
          </dd>
        </div>
        <div className="vb-cell vb-wide">
          <dt>XP says{several && xp ? ' (hardest fight)' : ''}</dt>
          <dd data-testid="verdict-xp" title={xp ? `${xp.name}: ${xp.d2014} by the 2014 rules, ${xp.d2024} by the 2024 rules` : undefined}>
            {xp ? `${xp.d2014} · ${xp.d2024}` : '—'}
          </dd>
        </div>
      </dl>
      <p className={`vb-status vb-status-${status.state}`} data-testid="verdict-status" role="status">{status.words}</p>
    </aside>
  );
}
