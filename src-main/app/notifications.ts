import { Notification } from 'electron';
import type { Engine } from '../engine/engine';

/**
 * OS notifications for what a trader must not miss while the window is hidden: a market
 * turning PRIME, fills, risk rejections and halts. Returns an unsubscribe.
 */
export function attachNotifications(engine: Engine): () => void {
  const notify = (title: string, body: string): void => {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  };
  return engine.events.subscribe((event) => {
    switch (event.kind) {
      case 'tierChanged':
        if (event.payload.to === 'PRIME') {
          notify(`PRIME: ${event.payload.symbol} ${event.payload.timeframe}`, event.payload.reason);
        }
        break;
      case 'fillRecorded':
        notify(
          `Filled: ${event.payload.side} ${event.payload.qty} ${event.payload.symbol}`,
          `at ${event.payload.price}`,
        );
        break;
      case 'riskRejected':
        notify(`Order refused by ${event.payload.rule}`, event.payload.reason);
        break;
      case 'controlModeChanged':
        if (event.payload.mode === 'HALTED') notify('Vigil HALTED', event.payload.reason);
        break;
      default:
        break;
    }
  });
}
