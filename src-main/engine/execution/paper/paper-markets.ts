import type { MarketSpec } from '../broker';

/**
 * Default paper markets: Binance spot filters for the pairs in the bundled data (tick,
 * step, min/max qty and minimum notional as Binance publishes them for these symbols), and
 * the default 0.1% maker/taker fee. All spot: a sell needs the base asset held; the pairs
 * Binance lends on (cross margin) are shortable once the account is set up for margin.
 */
export const DEFAULT_PAPER_MARKETS: readonly MarketSpec[] = [
  {
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    tickSize: '0.01',
    stepSize: '0.00001',
    minQty: '0.00001',
    maxQty: '9000',
    minNotional: '5',
    makerFee: '0.001',
    takerFee: '0.001',
    marginAllowed: true,
  },
  {
    symbol: 'ETH/USDT',
    base: 'ETH',
    quote: 'USDT',
    tickSize: '0.01',
    stepSize: '0.0001',
    minQty: '0.0001',
    maxQty: '9000',
    minNotional: '5',
    makerFee: '0.001',
    takerFee: '0.001',
    marginAllowed: true,
  },
  {
    // Binance's June 2018 filters for ETHBTC (the bundled data's period): 6-decimal prices.
    symbol: 'ETH/BTC',
    base: 'ETH',
    quote: 'BTC',
    tickSize: '0.000001',
    stepSize: '0.001',
    minQty: '0.001',
    maxQty: '100000',
    minNotional: '0.001',
    makerFee: '0.001',
    takerFee: '0.001',
    marginAllowed: true,
  },
  {
    symbol: 'BNB/USDT',
    base: 'BNB',
    quote: 'USDT',
    tickSize: '0.1',
    stepSize: '0.001',
    minQty: '0.001',
    maxQty: '9000',
    minNotional: '5',
    makerFee: '0.001',
    takerFee: '0.001',
  },
  {
    symbol: 'ADA/USDT',
    base: 'ADA',
    quote: 'USDT',
    tickSize: '0.00001',
    stepSize: '0.1',
    minQty: '0.1',
    maxQty: '900000',
    minNotional: '5',
    makerFee: '0.001',
    takerFee: '0.001',
  },
];
