import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../../src-shared/contract/events';
import { envelopeOf } from '../../../../src-shared/contract/ipc-event';
import type { SignalRow } from '../../../../src-shared/contract/scanner';

describe("the window's event channel", () => {
  const row: SignalRow = {
    exchange: 'binance',
    symbol: 'ÄBC/USDT',
    timeframe: '4h',
    at: 1_700_000_000_000,
    tier: 'FAILED',
    tierSince: 1_700_000_000_000,
    tierSinceKnown: true,
    direction: 'flat',
    score: null,
    probability: null,
    calibrated: false,
    evBps: null,
    reason: 'factor "momentum": produced NaN',
  };

  it('gives the renderer the same envelope whether the payload came as objects or as JSON bytes', () => {
    const envelope: EventEnvelope = { kind: 'boardUpdated', payload: { rows: [row] } };
    expect(envelopeOf(envelope)).toBe(envelope);
    const bytes = new TextEncoder().encode(JSON.stringify(envelope.payload));
    expect(envelopeOf({ kind: 'boardUpdated', payloadJson: bytes })).toEqual(envelope);
  });
});
