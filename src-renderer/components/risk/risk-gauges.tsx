import type { ReactElement } from 'react';
import { useRiskStore } from '../../state/risk-store';
import { RiskGauge } from './risk-gauge';

/** Rounds a percentage for display; the engine sends full precision. */
const pct = (value: number | undefined): number | null =>
  value === undefined ? null : Math.round(value * 100) / 100;

/** Usage of each limit, as the engine values the book at mark prices. */
export function RiskGauges(): ReactElement {
  const config = useRiskStore((s) => s.config);
  const usage = useRiskStore((s) => s.usage);
  const dayNote =
    usage !== null && !usage.dayStartKnown
      ? 'No equity seen yet today: the day starts at the current equity.'
      : undefined;
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
      />
      <RiskGauge
        label="Heat"
        used={pct(usage?.heatPct)}
        limit={config?.maxHeatPct ?? null}
        unit="%"
        testId="gauge-heat"
      />
      <RiskGauge
        label="Open positions"
        used={usage?.openPositions ?? null}
        limit={config?.maxOpenPositions ?? null}
        unit=""
        testId="gauge-positions"
      />
    </div>
  );
}
