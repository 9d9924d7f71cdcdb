import { useState, type ReactElement } from 'react';
import { rearm } from '../../state/control-actions';
import { useClient } from '../../state/client-context';
import { useEngineStore } from '../../state/engine-store';
import { errorText } from '../../state/error-text';

const CONFIRM_WORD = 'REARM';

/**
 * Leaving HALTED is deliberate: a separate control, enabled only after typing the word. The
 * engine refuses too while a venue still shows open orders; its reason is shown as is.
 */
export function RearmControl(): ReactElement | null {
  const client = useClient();
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!halted) return null;
  const ready = typed === CONFIRM_WORD && !busy;
  return (
    <form
      className="rearm"
      data-testid="rearm-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        setBusy(true);
        setError(null);
        rearm(client).then(
          () => {
            setTyped('');
            setBusy(false);
          },
          (err: unknown) => {
            setError(errorText(err));
            setBusy(false);
          },
        );
      }}
    >
      <label htmlFor="rearm-input">
        Type <code>{CONFIRM_WORD}</code> to re-arm
      </label>
      <div className="rearm-row">
        <input
          id="rearm-input"
          data-testid="rearm-input"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" data-testid="rearm-button" disabled={!ready}>
          Re-arm
        </button>
      </div>
      {error !== null && (
        <p className="tone-bad small" role="alert" data-testid="rearm-error">
          {error}
        </p>
      )}
    </form>
  );
}
