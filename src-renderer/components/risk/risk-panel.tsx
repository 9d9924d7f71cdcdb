import type { ReactElement } from 'react';
import { RiskConfigEditor } from './risk-config-editor';
import { RiskGauges } from './risk-gauges';

export function RiskPanel(): ReactElement {
  return (
    <div className="risk-panel">
      <RiskGauges />
      <h3 className="sub-title">Limits</h3>
      <RiskConfigEditor />
    </div>
  );
}
