import type { ReactElement } from 'react';
import { useAlertStore } from '../../state/alert-store';

const CHANNEL_LABEL = { telegram: 'Telegram', webhook: 'Webhook' } as const;

/**
 * Shown while an enabled alert channel failed to deliver (after every retry): the trader
 * must know that a halt would not reach the phone. Cleared by the engine when a later
 * message gets through.
 */
export function AlertFailureBanner(): ReactElement | null {
  // Select the stored array itself: a new array per call would re-render forever.
  const channels = useAlertStore((s) => s.status?.channels);
  const failing = (channels ?? []).filter((c) => c.enabled && c.failure !== null);
  if (failing.length === 0) return null;
  return (
    <div className="alert-failure-banner" role="alert" data-testid="alert-failure">
      <strong>ALERTS NOT DELIVERED</strong>
      {failing.map((c) => (
        <span key={c.channel} data-testid={`alert-failure-${c.channel}`}>
          {CHANNEL_LABEL[c.channel]}: {c.failure?.error} — “{c.failure?.title}” after{' '}
          {c.failure?.attempts} attempt(s)
        </span>
      ))}
    </div>
  );
}
