/** Quote assets counted in cents; every other (BTC, ETH, ...) in 8 places. */
const CENT_ASSETS = new Set(['USD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'DAI', 'EUR', 'GBP']);

/** Decimal places money in `asset` is shown with (the cockpit and the CLI alike). */
export function moneyPlaces(asset: string): number {
  return CENT_ASSETS.has(asset.toUpperCase()) ? 2 : 8;
}
