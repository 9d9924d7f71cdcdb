import { useState, type FormEvent, type ReactElement } from 'react';
import type { KeyStatus } from '../../../src-shared/domain/connection';
import { formatUtc } from '../../format';
import { useClient } from '../../state/client-context';
import { useCommandRun } from '../../state/use-command-run';
import { FormError, SecretField } from '../forms/secret-field';

const VERDICT_TONE = {
  passed: 'tone-good',
  refused: 'tone-bad',
  unverified: 'tone-bad',
  unverifiable: 'tone-warn',
} as const;

const VERDICT_TEXT = {
  passed: 'passed: trade-only',
  refused: 'REFUSED for live trading',
  unverified: 'not verified',
  unverifiable: 'unverifiable (acknowledged)',
} as const;

/** A key's status line: set or not, its last four characters, the last check. Never the key. */
export function KeyStatusLine({ status }: { readonly status: KeyStatus }): ReactElement {
  const v = status.verification;
  return (
    <div className="key-status" data-testid={`key-status-${status.connection}`}>
      {status.set ? (
        <>
          Key <code data-testid="key-hint">{status.publicKeyHint}</code> set{' '}
          {status.setAt === null ? '' : formatUtc(status.setAt)}
          {v === null ? (
            <span className="muted"> · not checked yet</span>
          ) : (
            <>
              {' '}
              · checked {formatUtc(v.at)}:{' '}
              <strong className={VERDICT_TONE[v.verdict]} data-testid="key-verdict">
                {VERDICT_TEXT[v.verdict]}
              </strong>
            </>
          )}
        </>
      ) : (
        <span className="muted">No key (public prices need none)</span>
      )}
      {v !== null && v.verdict !== 'passed' && (
        <p className={`small ${VERDICT_TONE[v.verdict]}`} data-testid="key-summary">
          {v.summary}
        </p>
      )}
      {v !== null && v.permissions.length > 0 && (
        <p className="small muted">Permissions: {v.permissions.join(', ')}</p>
      )}
      {v?.warnings.map((w) => (
        <p key={w} className="small tone-warn">
          Warning: {w}
        </p>
      ))}
    </div>
  );
}

/**
 * Set or replace a connection's API key: masked fields whose values go to the engine once
 * (it stores them in the OS keychain) and are cleared here at once; delete and verify again.
 */
export function KeyForm({ status }: { readonly status: KeyStatus }): ReactElement {
  const client = useClient();
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [password, setPassword] = useState('');
  const [acknowledge, setAcknowledge] = useState('');
  const { busy, error, run } = useCommandRun();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const input = {
      connection: status.connection,
      apiKey,
      secret,
      ...(status.needsPassword ? { password } : {}),
      ...(status.verifiable ? {} : { acknowledge }),
    };
    // The fields are emptied before the engine answers: the key lives in the keychain only.
    setApiKey('');
    setSecret('');
    setPassword('');
    setAcknowledge('');
    run(client.call('setExchangeKey', input));
  };
  return (
    <form className="secret-form" onSubmit={submit} aria-label={`API key for ${status.connection}`}>
      <SecretField label="API key" value={apiKey} onChange={setApiKey} testId="key-api" />
      <SecretField label="Secret" value={secret} onChange={setSecret} testId="key-secret" />
      {status.needsPassword && (
        <SecretField
          label="Passphrase"
          value={password}
          onChange={setPassword}
          testId="key-password"
        />
      )}
      {!status.verifiable && (
        <label className="wide">
          This exchange cannot report what a key may do. Type UNVERIFIABLE to store it anyway:
          <input
            value={acknowledge}
            onChange={(e) => setAcknowledge(e.target.value)}
            data-testid="key-ack"
          />
        </label>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy} data-testid="key-save">
          {busy ? 'Checking permissions…' : status.set ? 'Replace key' : 'Save key'}
        </button>
        {status.set && (
          <>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                run(client.call('verifyExchangeKey', { connection: status.connection }))
              }
            >
              Check again
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                run(client.call('deleteExchangeKey', { connection: status.connection }))
              }
            >
              Delete key
            </button>
          </>
        )}
      </div>
      <p className="muted small">
        Stored only in your OS keychain; checked with the exchange when saved and at every start.
      </p>
      <FormError error={error} testId="key-error" />
    </form>
  );
}
