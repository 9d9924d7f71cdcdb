import type { ReactElement } from 'react';
import { PowerSettingsSchema, type PowerSettings } from '../../../src-shared/contract/power';
import { useClient } from '../../state/client-context';
import { applyPowerSettings, usePowerStore } from '../../state/power-store';
import type { ConfigField } from '../../view/config-draft';
import { ConfigEditor } from '../forms/config-editor';
import { SettingToggle } from './setting-toggle';

const FIELDS: readonly ConfigField[] = [
  {
    key: 'emergencyStopPct',
    label: 'Stop for a position found without one',
    kind: 'number',
    unit: '% from the mark',
  },
  {
    key: 'wakeGapSec',
    label: 'A clock jump longer than this is a sleep',
    kind: 'number',
    unit: 's',
  },
];

/** Sleep and wake: kill on suspend, the emergency stop distance, the sleep detector's gap. */
export function PowerSettings(): ReactElement {
  const client = useClient();
  const status = usePowerStore((s) => s.status);
  const loadError = usePowerStore((s) => s.loadError);
  const settings = status?.settings ?? null;
  const save = async (changes: Partial<PowerSettings>): Promise<void> =>
    applyPowerSettings(await client.call('setPowerSettings', { changes }));
  return (
    <div className="power-settings" data-testid="power-settings">
      {settings !== null && (
        <SettingToggle
          label="Kill when the computer goes to sleep"
          checked={settings.killOnSuspend}
          change={(on) => save({ killOnSuspend: on })}
          testId="power-killOnSuspend"
          note="Otherwise Vigil makes sure every open position’s stop rests at the exchange, and after the wake blocks trading until feeds are fresh and the book is reconciled."
        />
      )}
      <ConfigEditor
        idPrefix="power"
        config={settings}
        loadError={loadError}
        what="sleep and wake settings"
        fields={FIELDS}
        schema={PowerSettingsSchema}
        saveLabel="Save"
        save={save}
      />
    </div>
  );
}
