import type { EngineOptions } from '../engine/engine';
import { KeytarSecretStore } from '../engine/secrets/keytar-secret-store';

/**
 * What both hosts (`vigil serve` and the Electron app) give the engine beyond their own
 * identity: the market the trader chose — the bundled replay, or live prices from every
 * enabled exchange connection — and the OS keychain for exchange keys.
 */
export function hostEngineOptions(replayDir: string): Pick<EngineOptions, 'market' | 'secrets'> {
  return {
    market: { kind: 'configured', replay: { kind: 'replay', replayDir, autoPlay: true } },
    secrets: new KeytarSecretStore(),
  };
}
