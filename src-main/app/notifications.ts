import { Notification } from 'electron';
import { actorText, ruleLabel } from '../../src-shared/domain/actor-words';
import { probabilityText } from '../../src-shared/domain/probability-words';
import type { Engine } from '../engine/engine';

/**
 * OS notifications for what a trader must not miss while the window is hidden: a market
 * turning PRIME, fills, risk rejections, halts, and any write of the kill path the disk
 * refused (once per new problem). Returns an unsubscribe.
 */
export function attachNotifications(engine: Engine): () => void {
  const notify = (title: string, body: string): void => {
    if (Notification.isSupported()) new Notification({ title, body }).show();
  };
  const told = new Set<string>();
  return engine.events.subscribe((event) => {
    switch (event.kind) {
      case 'tierChanged':
        if (event.payload.to === 'PRIME') {
          notify(
            `PRIME: ${event.payload.symbol} ${event.payload.timeframe}`,
            `${event.payload.reason} (${probabilityText(event.payload.probability, event.payload.calibrated, 2)})`,
          );
        }
        break;
      case 'fillRecorded':
        notify(
          `Filled: ${event.payload.side} ${event.payload.qty} ${event.payload.symbol}`,
          `at ${event.payload.price}`,
        );
        break;
      case 'riskRejected':
        notify(`Order refused by ${ruleLabel(event.payload.rule)}`, event.payload.reason);
        break;
      case 'controlModeChanged':
        if (event.payload.mode === 'HALTED')
          notify('Vigil HALTED', `${event.payload.reason} (by ${actorText(event.payload.actor)})`);
        break;
      case 'durabilityChanged': {
        const fresh = event.payload.problems.filter((p) => !told.has(p.message));
        for (const p of fresh) told.add(p.message);
        if (fresh.length > 0)
          notify(
            event.payload.latchDurable
              ? 'Vigil could not write to disk'
              : 'Vigil: HALTED is in memory only',
            fresh.map((p) => p.message).join('\n'),
          );
        if (event.payload.problems.length === 0) told.clear();
        break;
      }
      default:
        break;
    }
  });
}
