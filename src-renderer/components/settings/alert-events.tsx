import type { ReactElement } from 'react';
import { AlertSettingsSchema, type AlertSettings } from '../../../src-shared/contract/alerts';
import { applyAlertSettings, useAlertStore } from '../../state/alert-store';
import { useClient } from '../../state/client-context';
import type { ConfigField } from '../../view/config-draft';
import { ConfigEditor } from '../forms/config-editor';
import { SettingToggle } from './setting-toggle';

type EventSwitch = 'fills' | 'refusals' | 'prime' | 'dailySummary';

const SWITCHES: ReadonlyArray<{ readonly key: EventSwitch; readonly label: string }> = [
  { key: 'fills', label: 'Fills' },
  { key: 'refusals', label: 'Orders the risk gate refused' },
  { key: 'prime', label: 'PRIME signals' },
  { key: 'dailySummary', label: 'Daily summary' },
];

/**
 * Which events reach the trader's phone: halts and kills always (no switch), the rest as
 * chosen; the daily summary's time in the trader's zone and the per-channel rate limit.
 */
export function AlertEvents(): ReactElement {
  const client = useClient();
  const status = useAlertStore((s) => s.status);
  const loadError = useAlertStore((s) => s.loadError);
  const settings = status?.settings ?? null;
  const zone = status?.timeZone ?? 'the trading-day zone';
  const fields: readonly ConfigField[] = [
    { key: 'dailySummaryAt', label: 'Daily summary at', kind: 'text', unit: `HH:MM, ${zone}` },
    { key: 'perMinute', label: 'At most', kind: 'number', unit: 'messages a minute per channel' },
  ];
  const change = async (changes: Partial<AlertSettings>): Promise<void> =>
    applyAlertSettings(await client.call('setAlertSettings', { changes }));
  return (
    <div className="alert-events" data-testid="alert-events">
      <SettingToggle
        label="Halts and kills"
        checked
        change={() => Promise.resolve()}
        testId="alert-event-halt"
        lockedBecause="always sent"
      />
      {settings !== null &&
        SWITCHES.map((s) => (
          <SettingToggle
            key={s.key}
            label={s.label}
            checked={settings[s.key]}
            change={(on) => change({ [s.key]: on })}
            testId={`alert-event-${s.key}`}
          />
        ))}
      <ConfigEditor
        idPrefix="alert-timing"
        config={settings}
        loadError={loadError}
        what="alert settings"
        fields={fields}
        schema={AlertSettingsSchema}
        saveLabel="Save"
        save={(changes) => change(changes)}
      />
      <p className="muted small">
        The zone is the risk limits’ trading-day zone. More messages than the limit go out as one
        digest a minute later, never dropped.
      </p>
    </div>
  );
}
