import type { ReactElement } from 'react';
import { RiskConfigSchema } from '../../../src-shared/domain/risk-config';
import { useClient } from '../../state/client-context';
import { useRiskStore } from '../../state/risk-store';
import { useToastStore } from '../../state/toast-store';
import { RISK_FIELDS, riskFieldLabel } from '../../view/risk-config-fields';
import { ConfigEditor } from '../forms/config-editor';

/** The risk config with per-field validation; nothing is sent until the whole draft is valid. */
export function RiskConfigEditor(): ReactElement {
  const client = useClient();
  const config = useRiskStore((s) => s.config);
  const loadError = useRiskStore((s) => s.loadError);
  return (
    <ConfigEditor
      idPrefix="risk"
      config={config}
      loadError={loadError}
      what="risk config"
      fields={RISK_FIELDS}
      schema={RiskConfigSchema}
      saveLabel="Save limits"
      save={async (changes) => {
        const next = await client.call('setRiskConfig', { changes, via: 'ui' });
        useRiskStore.getState().setConfig(next);
      }}
      onSaved={(changed) =>
        useToastStore
          .getState()
          .push('info', 'Risk limits saved', changed.map(riskFieldLabel).join(', '))
      }
    />
  );
}
