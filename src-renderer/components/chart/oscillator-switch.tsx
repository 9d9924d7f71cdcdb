import type { ReactElement } from 'react';
import { useUiStore, type Oscillator } from '../../state/ui-store';

const CHOICES: readonly Oscillator[] = ['RSI', 'MACD'];

export function OscillatorSwitch(): ReactElement {
  const oscillator = useUiStore((s) => s.oscillator);
  const setOscillator = useUiStore((s) => s.setOscillator);
  return (
    <div className="segmented" role="group" aria-label="Oscillator">
      {CHOICES.map((o) => (
        <button
          key={o}
          type="button"
          className={o === oscillator ? 'active' : ''}
          aria-pressed={o === oscillator}
          title="Key R"
          onClick={() => setOscillator(o)}
        >
          {o}
        </button>
      ))}
    </div>
  );
}
