import { useMemo, type ReactElement } from 'react';
import { TimeframeSchema } from '../../../src-shared/domain/candle';
import { useMarketStore } from '../../state/market-store';
import { useUiStore } from '../../state/ui-store';
import { instrumentsOf } from '../../view/instruments';

/** Every timeframe; those the feed does not serve for this instrument are disabled. */
export function TimeframeSwitcher(): ReactElement {
  const timeframe = useUiStore((s) => s.timeframe);
  const setTimeframe = useUiStore((s) => s.setTimeframe);
  const instrument = useUiStore((s) => s.selectedSymbol);
  const series = useMarketStore((s) => s.series);
  const available = useMemo(
    () => instrumentsOf(series).find((i) => i.id === instrument)?.timeframes ?? null,
    [series, instrument],
  );
  return (
    <div className="segmented" role="group" aria-label="Timeframe">
      {TimeframeSchema.options.map((tf, i) => {
        const served = available === null || available.includes(tf);
        return (
          <button
            key={tf}
            type="button"
            className={tf === timeframe ? 'active' : ''}
            aria-pressed={tf === timeframe}
            disabled={!served}
            title={served ? `Key ${i + 1}` : `No ${tf} data for this symbol`}
            data-testid={`tf-${tf}`}
            onClick={() => setTimeframe(tf)}
          >
            {tf}
          </button>
        );
      })}
    </div>
  );
}
