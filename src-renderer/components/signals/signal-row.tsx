import type { ReactElement } from 'react';
import { formatDuration } from '../../format';
import type { SignalView } from '../../view/signal-view';
import { TierLabel } from './tier-label';

const pct = (p: number | null): string => (p === null ? '—' : `${(p * 100).toFixed(1)}%`);
const num = (n: number | null, digits: number): string => (n === null ? '—' : n.toFixed(digits));

export function SignalRow(props: {
  signal: SignalView;
  selected: boolean;
  now: number;
  onSelect: (symbol: string) => void;
}): ReactElement {
  const s = props.signal;
  return (
    <tr
      className={`signal-row${props.selected ? ' selected' : ''}`}
      data-testid="signal-row"
      data-symbol={s.symbol}
      data-tier={s.tier}
      aria-selected={props.selected}
      onClick={() => props.onSelect(s.symbol)}
    >
      <td className="sym">{s.symbol}</td>
      <td>
        <TierLabel tier={s.tier} />
      </td>
      <td className="num">{pct(s.probability)}</td>
      <td className="num">{num(s.evBps, 1)}</td>
      <td className="num">{num(s.score, 0)}</td>
      <td className="num muted">{formatDuration(Math.max(0, props.now - s.tierSince))}</td>
    </tr>
  );
}
