import type { ReactElement } from 'react';
import { useKillStore } from '../../state/kill-store';
import { useRiskStore } from '../../state/risk-store';
import { RiskGauge } from './risk-gauge';

/** Usage figures the risk contract does not expose yet; the gauges say so on hover. */
const NO_USAGE =
  'The engine does not publish this usage figure yet (no risk-usage command in the contract).';

export function RiskGauges(): ReactElement {
  const config = useRiskStore((s) => s.config);
  const positions = useKillStore((s) => s.control?.positions ?? null);
  return (
    <div className="gauges">
      <RiskGauge
        label="Daily loss"
        used={null}
        limit={config?.dailyLossPct ?? null}
        unit="%"
        testId="gauge-daily-loss"
        missing={NO_USAGE}
      />
      <RiskGauge
        label="Drawdown"
        used={null}
        limit={config?.maxDrawdownPct ?? null}
        unit="%"
        testId="gauge-drawdown"
        missing={NO_USAGE}
      />
      <RiskGauge
        label="Heat"
        used={null}
        limit={config?.maxHeatPct ?? null}
        unit="%"
        testId="gauge-heat"
        missing={NO_USAGE}
      />
      <RiskGauge
        label="Open positions"
        used={positions}
        limit={config?.maxOpenPositions ?? null}
        unit=""
        testId="gauge-positions"
      />
    </div>
  );
}
