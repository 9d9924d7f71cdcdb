import type { ReactElement } from 'react';
import { formatAge, formatAgeShort } from '../../format';
import type { SignalView } from '../../view/signal-view';
import { UNCALIBRATED_HINT } from '../../view/trader-words';
import { TierLabel } from './tier-label';

const pct = (p: number | null): string => (p === null ? '—' : `${(p * 100).toFixed(1)}%`);
const signed = (n: number | null, digits: number): string =>
  n === null ? '—' : `${n > 0 ? '+' : ''}${n.toFixed(digits)}`;
const ARROWS = { long: '▲', short: '▼', flat: '·' } as const;
const DIRECTION = { long: 'long', short: 'short', flat: 'no direction' } as const;

/**
 * One scanned series. Its age is on the feed's clock (virtual in replay); a stale row (no new
 * bar for several of its bars) is dimmed and says so, and every row carries the scanner's
 * reason for its tier — on hover, and under the symbol when selected.
 */
export function SignalRow(props: {
  signal: SignalView;
  selected: boolean;
  ageMs: number;
  stale: boolean;
  onSelect: (signal: SignalView) => void;
}): ReactElement {
  const s = props.signal;
  // Time in tier on the feed's clock (virtual in replay), up to this signal's bar.
  const inTierMs = Math.max(0, s.at - s.tierSince);
  const age = formatAge(props.ageMs);
  const row = (
    <tr
      className={`signal-row${props.selected ? ' selected' : ''}${props.stale ? ' stale' : ''}`}
      data-testid="signal-row"
      data-symbol={s.symbol}
      data-timeframe={s.timeframe}
      data-tier={s.tier}
      data-stale={props.stale}
      aria-selected={props.selected}
      onClick={() => props.onSelect(s)}
      title={`${s.symbol} ${s.timeframe} ${s.tier}: ${s.reason}${props.stale ? ` — stale: no new ${s.timeframe} bar for ${age}` : ''}`}
    >
      <td className="sym">
        {s.symbol} <span className="muted small">{s.timeframe}</span>
      </td>
      <td className="tier-cell">
        <span className={`dir dir-${s.direction}`} aria-label={DIRECTION[s.direction]}>
          {ARROWS[s.direction]}
        </span>
        <TierLabel tier={s.tier} />
      </td>
      <td className="num" data-testid="signal-p" data-calibrated={s.calibrated}>
        {pct(s.probability)}
        {s.probability !== null && !s.calibrated && (
          <span className="uncalibrated" title={UNCALIBRATED_HINT}>
            uncalibrated
          </span>
        )}
      </td>
      <td className={`num ${s.evBps !== null && s.evBps > 0 ? 'tone-good' : ''}`}>
        {signed(s.evBps, 1)}
      </td>
      <td className="num">{signed(s.score, 0)}</td>
      <td
        className="num muted"
        data-testid="signal-in-tier"
        title={`${s.tierSinceKnown ? '' : 'at least '}${formatAge(inTierMs)} in ${s.tier}`}
      >
        {s.tierSinceKnown ? '' : '≥'}
        {formatAgeShort(inTierMs)}
      </td>
      <td className="num" data-testid="signal-age" title={`bar closed ${age} ago (feed clock)`}>
        {formatAgeShort(props.ageMs)}
      </td>
    </tr>
  );
  if (!props.selected) return row;
  return (
    <>
      {row}
      <tr className="signal-why" data-testid="signal-why">
        <td colSpan={7}>
          {props.stale && <strong className="tone-warn">Stale: no new bar for {age}. </strong>}
          {s.reason}
        </td>
      </tr>
    </>
  );
}
