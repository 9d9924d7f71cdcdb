import type { LiveTradingCapabilities } from '../../market/exchanges/exchange-capabilities';
import { binanceDialect } from './binance-dialect';
import { okxDialect } from './okx-dialect';
import type { LiveDialect } from './venue-dialect';

const DIALECTS: Readonly<Record<LiveTradingCapabilities['dialect'], LiveDialect>> = {
  'binance-spot': binanceDialect,
  'okx-v5': okxDialect,
};

/** The dialect an exchange's capability record names. */
export function dialectOf(caps: LiveTradingCapabilities): LiveDialect {
  return DIALECTS[caps.dialect];
}
