import type { AlertSettings } from '../../../src-shared/contract/alerts';
import type { EventEnvelope } from '../../../src-shared/contract/events';
import { actorText, ruleLabel } from '../../../src-shared/domain/actor-words';
import { probabilityText } from '../../../src-shared/domain/probability-words';
import type { AlertMessage } from './alert-message';

/**
 * Which engine events become alerts: a halt always (once per latch, not per joined trigger),
 * fills, risk refusals and PRIME signals when the trader chose them. Pure: no I/O.
 */
export class AlertRouter {
  private lastMode: string | null = null;

  constructor(initialMode: string) {
    this.lastMode = initialMode;
  }

  route(event: EventEnvelope, settings: AlertSettings, now: number): AlertMessage | null {
    switch (event.kind) {
      case 'controlModeChanged': {
        const was = this.lastMode;
        this.lastMode = event.payload.mode;
        if (event.payload.mode !== 'HALTED' || was === 'HALTED') return null;
        return {
          kind: 'halt',
          title: 'Vigil HALTED',
          // Reduce-only orders stay accepted while HALTED (a kill never locks in a position).
          body:
            `${event.payload.reason} (by ${actorText(event.payload.actor)}). Nothing that adds exposure is ` +
            'accepted; open orders are being cancelled. Closing a position and placing a ' +
            'protective stop still work.',
          at: now,
        };
      }
      case 'fillRecorded':
        if (!settings.fills) return null;
        return {
          kind: 'fill',
          title: `Filled: ${event.payload.side} ${event.payload.qty} ${event.payload.symbol}`,
          body: `at ${event.payload.price} (fee ${event.payload.fee} ${event.payload.feeAsset}, ${event.payload.bookId})`,
          at: now,
        };
      case 'riskRejected':
        if (!settings.refusals) return null;
        return {
          kind: 'refusal',
          title: `Refused by ${ruleLabel(event.payload.rule)}: ${event.payload.side} ${event.payload.qty} ${event.payload.symbol}`,
          body: event.payload.reason,
          at: now,
        };
      case 'tierChanged': {
        if (!settings.prime || event.payload.to !== 'PRIME') return null;
        const { probability, calibrated } = event.payload;
        return {
          kind: 'prime',
          title: `PRIME: ${event.payload.symbol} ${event.payload.timeframe}`,
          body: `${event.payload.reason}${probability === null ? '' : ` (${probabilityText(probability, calibrated, 2)})`}`,
          at: now,
        };
      }
      default:
        return null;
    }
  }
}
