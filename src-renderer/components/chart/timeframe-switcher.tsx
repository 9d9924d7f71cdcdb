import type { ReactElement } from 'react';
import { TimeframeSchema } from '../../../src-shared/domain/candle';
import { useUiStore } from '../../state/ui-store';

/** Buttons for every timeframe the engine aggregates; the digit is its keyboard shortcut. */
export function TimeframeSwitcher(): ReactElement {
  const timeframe = useUiStore((s) => s.timeframe);
  const setTimeframe = useUiStore((s) => s.setTimeframe);
  return (
    <div className="segmented" role="group" aria-label="Timeframe">
      {TimeframeSchema.options.map((tf, i) => (
        <button
          key={tf}
          type="button"
          className={tf === timeframe ? 'active' : ''}
          aria-pressed={tf === timeframe}
          title={`Key ${i + 1}`}
          data-testid={`tf-${tf}`}
          onClick={() => setTimeframe(tf)}
        >
          {tf}
        </button>
      ))}
    </div>
  );
}
