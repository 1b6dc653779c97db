// "Balance now": the current phase, its target, the actual exploratory share over the last 4 weeks
// and its trend, in type large enough to read from the back of the meeting room.
import type { BalanceNow, TrendLabel } from '../../../../shared/worksplit';
import { BALANCE_WINDOW_WEEKS } from '../../../../shared/worksplit';
import { percent, points, unitOf } from './work-split-format';
import './work-split.css';

const TREND_TEXT: Record<TrendLabel, { arrow: string; word: string }> = {
  rising: { arrow: '↗', word: 'rising' },
  falling: { arrow: '↘', word: 'falling' },
  steady: { arrow: '→', word: 'steady' },
  unknown: { arrow: '', word: 'too early' },
};

function gapText(balance: BalanceNow): string | null {
  if (balance.gap === null) return null;
  const side = Math.round(balance.gap * 100) === 0 ? 'on target' : balance.gap > 0 ? 'above target' : 'below target';
  return side === 'on target' ? side : `${points(balance.gap)} ${side}`;
}

export function BalanceNowLine({ balance, other }: { balance: BalanceNow; other?: BalanceNow }) {
  const trend = TREND_TEXT[balance.trend.label];
  const gap = gapText(balance);
  return (
    <section className="panel balance-now" aria-label={`Balance now: ${balance.sentence}`} data-testid="balance-now">
      <div className="balance-now-kicker muted">Balance now · {balance.phase ? `phase until ${balance.phase.end}` : 'no phase today'}</div>
      <div className="balance-now-line">
        <span className="balance-now-phase">{balance.phase ? balance.phase.name : 'No phase set for today'}</span>
        {balance.phase && (
          <span className="balance-now-figure">
            <span className="balance-now-label">target</span>
            <strong>{percent(balance.phase.target)}</strong>
          </span>
        )}
        {balance.actual === null ? (
          <span className="balance-now-figure">
            <strong className="balance-now-none">no {unitOf(balance.measure)} on proposals in the last {BALANCE_WINDOW_WEEKS} weeks</strong>
          </span>
        ) : (
          <>
            <span className="balance-now-figure">
              <span className="balance-now-label">actual</span>
              <strong className="balance-now-actual">{percent(balance.actual)}</strong>
            </span>
            <span className="balance-now-figure">
              <span className="balance-now-label">trend</span>
              <strong>
                {trend.arrow && <span aria-hidden="true">{trend.arrow} </span>}
                {trend.word}
              </strong>
            </span>
          </>
        )}
      </div>
      <div className="balance-now-detail muted">
        {balance.actual !== null && (
          <>
            Exploratory share of {unitOf(balance.measure)} over the last {BALANCE_WINDOW_WEEKS} weeks ({balance.window.from} to {balance.window.to})
            {gap && <> · <strong className="balance-now-gap">{gap}</strong></>}
          </>
        )}
        {balance.actual === null && !balance.phase && 'Add phases with a target_exploratory to team.yaml to set the balance the team aims for.'}
        {other && other.actual !== null && (
          <>
            {balance.actual !== null && ' · '}
            of {unitOf(other.measure)}: {percent(other.actual)}, {TREND_TEXT[other.trend.label].word}
          </>
        )}
      </div>
    </section>
  );
}
