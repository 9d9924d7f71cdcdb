import { useCallback, useState } from 'react';
import { errorText } from './error-text';

export interface CommandRun {
  /** A call is in flight: its buttons are disabled. */
  readonly busy: boolean;
  /** The last call's refusal, in the engine's words; null after a success. */
  readonly error: string | null;
  /** Follows one contract call: busy until it settles, its refusal kept for display. */
  run(call: Promise<unknown>): void;
  /** Shows a problem found before calling (a form's own check). */
  refuse(message: string): void;
}

/** Busy and error state for a form's contract calls (key form, alert secrets, settings). */
export function useCommandRun(): CommandRun {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((call: Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    call.then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(errorText(e));
      },
    );
  }, []);
  return { busy, error, run, refuse: setError };
}
