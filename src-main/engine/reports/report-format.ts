import { centsText, type Money } from './money';
import { localDate, localDateTime } from './report-period';

/** Display formatting for the PDF. Rounding happens here only; the report keeps exact values. */

/** "12,345.67" (half away from zero, 2 places by default). */
export function formatMoney(value: Money | null, places = 2): string {
  if (value === null) return 'n/a';
  const text = centsText(value, places);
  const negative = text.startsWith('-');
  const [whole = '0', frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const out = frac === undefined ? grouped : `${grouped}.${frac}`;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/** Signed money: "+1,234.00" / "-5.00". */
export function formatSigned(value: Money | null): string {
  if (value === null) return 'n/a';
  const text = formatMoney(value);
  return value.gt(0) && text !== '0.00' ? `+${text}` : text;
}

/**
 * A price readable at any magnitude: 2 decimals from 100 up, 4 from 1, and up to 8
 * significant decimals below 1 (so a 0.00001234 price never shows as 0.00).
 */
export function formatPrice(value: Money): string {
  const abs = value.abs();
  if (abs.gte(100)) return formatMoney(value, 2);
  if (abs.gte(1)) return formatMoney(value, 4);
  return value.toSignificantDigits(8).toFixed();
}

/** A plain decimal without rounding beyond `places` significant decimals (quantities, prices). */
export function formatQuantity(value: Money, maxPlaces = 8): string {
  return value.toDecimalPlaces(maxPlaces).toFixed();
}

export function formatPercent(fraction: number | null, places = 1): string {
  return fraction === null ? 'n/a' : `${(fraction * 100).toFixed(places)}%`;
}

export function formatRatio(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

export function formatDuration(ms: number): string {
  if (ms <= 0) return '0h';
  const hours = Math.round(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days === 0) return `${hours}h`;
  return rest === 0 ? `${days}d` : `${days}d ${rest}h`;
}

export function formatDate(ms: number, zone: string): string {
  return localDate(ms, zone);
}

export function formatDateTime(ms: number, zone: string): string {
  return localDateTime(ms, zone);
}

/** "Paper" / "Live (binance)": the book as the trader reads it. */
export function bookLabel(book: string): string {
  return book.startsWith('live:') ? `LIVE (${book.slice(5)})` : book.toUpperCase();
}
