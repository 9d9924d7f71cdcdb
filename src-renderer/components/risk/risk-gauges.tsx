import type { ReactElement } from 'react';
import { useBookStore } from '../../state/book-store';
import { useRiskStore } from '../../state/risk-store';
import { RiskGauge } from './risk-gauge';

/** Rounds a percentage for display; the engine sends full precision. */
const pct = (value: number | undefined): number | null =>
  value === undefined ? null : Math.round(value * 100) / 100;

/** Usage of each limit, from the engine's valuation of the book at the latest marks. */
export function RiskGauges(): ReactElement {
  const config = useRiskStore((s) => s.config);
  const valuation = useBookStore((s) => s.valuation);
  const usage = valuation?.usage ?? undefined;
  const why = valuation?.usageError ?? undefined;
  const dayNote =
    usage !== undefined && !usage.dayStartKnown
      ? 'No equity seen yet today: the day starts at the current equity.'
      : why;
  return (
    <div className="gauges">
      <RiskGauge
        label="Daily loss"
        used={pct(usage?.dailyLossPct)}
        limit={config?.dailyLossPct ?? null}
        unit="%"
        testId="gauge-daily-loss"
        missing={dayNote}
      />
      <RiskGauge
        label="Drawdown"
        used={pct(usage?.drawdownPct)}
        limit={config?.maxDrawdownPct ?? null}
        unit="%"
        testId="gauge-drawdown"
        missing={why}
      />
      <RiskGauge
        label="Heat"
        used={pct(usage?.heatPct)}
        limit={config?.maxHeatPct ?? null}
        unit="%"
        testId="gauge-heat"
        missing={why}
      />
      <RiskGauge
        label="Open positions"
        used={usage?.openPositions ?? null}
        limit={config?.maxOpenPositions ?? null}
        unit=""
        testId="gauge-positions"
        missing={why}
      />
    </div>
  );
}
