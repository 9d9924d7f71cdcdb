import type { ReactElement } from 'react';
import { formatAge } from '../../format';
import type { SignalView } from '../../view/signal-view';
import { TierLabel } from './tier-label';

const pct = (p: number | null): string => (p === null ? '—' : `${(p * 100).toFixed(1)}%`);
const num = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));
const ARROWS = { long: '▲', short: '▼', flat: '·' } as const;

export function SignalRow(props: {
  signal: SignalView;
  selected: boolean;
  onSelect: (signal: SignalView) => void;
}): ReactElement {
  const s = props.signal;
  // Time in tier on the feed's clock (virtual in replay), up to this signal's bar.
  const inTier = formatAge(Math.max(0, s.at - s.tierSince));
  return (
    <tr
      className={`signal-row${props.selected ? ' selected' : ''}`}
      data-testid="signal-row"
      data-symbol={s.symbol}
      data-timeframe={s.timeframe}
      data-tier={s.tier}
      aria-selected={props.selected}
      onClick={() => props.onSelect(s)}
      title={s.reason}
    >
      <td className="sym">
        {s.symbol} <span className="muted small">{s.timeframe}</span>
      </td>
      <td>
        <TierLabel tier={s.tier} />
      </td>
      <td className={`dir dir-${s.direction}`}>{ARROWS[s.direction]}</td>
      <td className="num">{pct(s.probability)}</td>
      <td className={`num ${s.evBps !== null && s.evBps > 0 ? 'tone-good' : ''}`}>
        {num(s.evBps, 1)}
      </td>
      <td className="num">{num(s.score, 0)}</td>
      <td className="num muted">{s.tierSinceKnown ? inTier : `≥${inTier}`}</td>
    </tr>
  );
}
