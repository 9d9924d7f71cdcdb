import { useEffect, useRef, useState } from 'react';
import type { VigilClient } from '../../src-shared/contract/client';
import type { SignalView, SignalExplanationView } from '../view/signal-view';
import { mapExplanation } from '../view/map-signal';
import { useClient } from './client-context';
import { errorText } from './error-text';

export type ExplanationState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly explanation: SignalExplanationView }
  | { readonly kind: 'failed'; readonly key: string; readonly message: string };

/**
 * The full signal behind the selected board row, from the engine (explainSignal): rows carry
 * the figures only, so the explanation is fetched for the one row the trader looks at, and
 * again whenever that row's evaluation moves on. At most one request is in flight: at max
 * replay speed the row changes every frame, and only the newest evaluation matters, so a
 * change that arrives meanwhile is fetched once the answer is in. The previous explanation of
 * the same row stays on screen until the next one arrives (no flicker).
 */
export function useSignalExplanation(row: SignalView | undefined): ExplanationState | null {
  const client = useClient();
  const [state, setState] = useState<ExplanationState | null>(null);
  const latest = useRef(row);
  const inFlight = useRef(false);
  const stale = useRef(false);
  latest.current = row;
  const key = row?.key;
  const at = row?.at;
  useEffect(() => {
    if (key === undefined) {
      setState(null);
      return;
    }
    setState((previous) =>
      previous?.kind === 'ready' && previous.explanation.key === key
        ? previous
        : { kind: 'loading' },
    );
    if (inFlight.current) {
      stale.current = true;
      return;
    }
    const fetchLatest = (): void => {
      const wanted = latest.current;
      if (wanted === undefined) return;
      inFlight.current = true;
      stale.current = false;
      void explain(client, wanted).then((next) => {
        inFlight.current = false;
        if (latest.current?.key === wanted.key) setState(next);
        if (stale.current) fetchLatest();
      });
    };
    fetchLatest();
  }, [client, key, at]);
  return state;
}

async function explain(client: VigilClient, row: SignalView): Promise<ExplanationState> {
  try {
    const signal = await client.call('explainSignal', {
      exchange: row.exchange,
      symbol: row.symbol,
      timeframe: row.timeframe,
    });
    return { kind: 'ready', explanation: mapExplanation(signal) };
  } catch (error) {
    return { kind: 'failed', key: row.key, message: errorText(error) };
  }
}
