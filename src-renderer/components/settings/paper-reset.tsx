import { useState, type ReactElement } from 'react';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { formatDecimal, moneyPlaces } from '../../view/numbers';
import { FormError } from '../forms/secret-field';

const CONFIRM = 'RESET PAPER';

/**
 * Reset paper account: the explicit, audited `resetPaperAccount`, with its starting balance,
 * spot or margin (shorts) and the typed confirmation. The engine refuses it outside PAPER or
 * with the book not flat, in its own words; what the trader typed stays on a refusal.
 */
export function PaperReset(): ReactElement {
  const client = useClient();
  const [balance, setBalance] = useState('10000');
  const [margin, setMargin] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = (): void => {
    setBusy(true);
    setError(null);
    setDone(null);
    client
      .call('resetPaperAccount', {
        startingBalance: balance.trim(),
        confirm: CONFIRM,
        reason: 'reset from the cockpit',
        marginTrading: margin,
      })
      .then(
        (r) => {
          setBusy(false);
          setTyped('');
          const account = r.marginTrading ? 'set up for margin (shorts allowed)' : 'spot only';
          setDone(
            `Paper account reset to ${formatDecimal(r.newBalance, moneyPlaces('USDT'))} USDT, ${account}.`,
          );
        },
        (e: unknown) => {
          setBusy(false);
          setError(errorText(e));
        },
      );
  };
  return (
    <form
      className="paper-reset"
      data-testid="paper-reset"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="muted small">
        Starts the paper account again: every balance replaced by the starting balance in USDT.
        Close positions and cancel orders first. Audited.
      </p>
      <label className="ticket-field">
        <span>Starting balance (USDT)</span>
        <input
          data-testid="paper-reset-balance"
          inputMode="decimal"
          value={balance}
          onChange={(e) => setBalance(e.target.value)}
        />
      </label>
      <label className="small">
        <input
          type="checkbox"
          data-testid="paper-reset-margin"
          checked={margin}
          onChange={(e) => setMargin(e.target.checked)}
        />{' '}
        Margin account (shorts on the pairs the venue lends on)
      </label>
      <label className="ticket-field">
        <span>Type {CONFIRM} to reset</span>
        <input
          data-testid="paper-reset-confirm"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button
          type="submit"
          data-testid="paper-reset-go"
          disabled={busy || typed !== CONFIRM || balance.trim() === ''}
        >
          Reset paper account
        </button>
      </div>
      <FormError error={error} testId="paper-reset-error" />
      {done !== null && (
        <p className="tone-good small" role="status" data-testid="paper-reset-done">
          {done}
        </p>
      )}
    </form>
  );
}
