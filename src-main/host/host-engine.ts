import type { EngineOptions } from '../engine/engine';
import type { LiveTuning, ReplayMarketOptions } from '../engine/market/market-service';
import { KeytarSecretStore } from '../engine/secrets/keytar-secret-store';

/**
 * What both hosts (`vigil serve` and the Electron app) give the engine beyond their own
 * identity: the market the trader chose — the bundled replay, or live prices from every
 * enabled exchange connection — and the OS keychain for exchange keys and the alert channels'
 * secrets (Telegram's bot token and chat id, the webhook URL). Tests pass their own
 * replay pacing and live tuning; the hosts use the defaults.
 */
export function hostEngineOptions(
  replayDir: string,
  tuning: {
    readonly replay?: Omit<ReplayMarketOptions, 'kind' | 'replayDir'>;
    readonly live?: LiveTuning;
  } = {},
): Pick<EngineOptions, 'market' | 'secrets'> {
  return {
    market: {
      kind: 'configured',
      replay: { kind: 'replay', replayDir, autoPlay: true, ...tuning.replay },
      ...(tuning.live === undefined ? {} : { live: tuning.live }),
    },
    secrets: new KeytarSecretStore(),
  };
}
