import type { ClosedLot } from './fifo-lots';
import { Money, moneyText } from './money';
import type { ParsedFill } from './parsed-fill';
import type { Report } from './report-model';
import type { ReportRate } from './report-source';

/**
 * Tax CSVs. Every number is the exact decimal from the report (no rounding, no exponent, no
 * thousands separator), so re-importing the file reproduces the report's totals to the last
 * digit. Layouts are documented in README.md in this folder.
 */

/** Header of the closed-lots CSV (Form 8949 order: description, acquired, sold, proceeds, basis, gain). */
export const LOTS_CSV_HEADER = [
  'Asset',
  'Date Acquired',
  'Date Sold',
  'Quantity',
  'Proceeds',
  'Cost Basis',
  'Fee',
  'Gain or Loss',
  'Currency',
  'Direction',
  'Symbol',
  'Book',
  'Venue',
  'Acquire Order ID',
  'Sell Order ID',
  'Acquire Fill ID',
  'Sell Fill ID',
] as const;

/**
 * Header of the raw fills CSV: Koinly's "Universal" template columns first (dates in UTC,
 * "YYYY-MM-DD HH:MM UTC"), then Vigil's own columns, which importers that map by header name
 * ignore.
 */
export const FILLS_CSV_HEADER = [
  'Date',
  'Sent Amount',
  'Sent Currency',
  'Received Amount',
  'Received Currency',
  'Fee Amount',
  'Fee Currency',
  'Net Worth Amount',
  'Net Worth Currency',
  'Label',
  'Description',
  'TxHash',
  'Fee Value',
  'Symbol',
  'Side',
  'Quantity',
  'Price',
  'Book',
  'Venue',
  'Order ID',
  'Client Order ID',
  'Rate',
  'Rate Source',
] as const;

/** RFC 4180 field: quoted only when it must be. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function line(values: readonly string[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

const n = (v: Money): string => moneyText(v);

function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function koinlyDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function orderIdOf(fill: ParsedFill): string {
  return fill.source.orderId ?? fill.source.clientOrderId;
}

/** A recorded rate as an exact decimal when it is one, else as its fraction. */
function rateText(rate: ReportRate): string {
  const value = new Money(rate.num).div(rate.den);
  return value.times(rate.den).eq(rate.num) ? value.toFixed() : `${rate.num}/${rate.den}`;
}

function rateSource(rate: ReportRate, from: string, to: string): string {
  return `${from} in ${to} through ${rate.via.join(', ')} at ${isoUtc(rate.at)} (ledger marks)`;
}

/** The asset bought for a long lot, the asset shorted for a short one (the base either way). */
function lotRow(lot: ClosedLot, currency: string): string[] {
  const buy = lot.direction === 'long' ? lot.openFill : lot.closeFill;
  const sell = lot.direction === 'long' ? lot.closeFill : lot.openFill;
  return [
    lot.openFill.source.base,
    isoUtc(buy.at),
    isoUtc(sell.at),
    n(lot.quantity),
    n(lot.proceeds),
    n(lot.costBasis),
    n(lot.openFee.plus(lot.closeFee)),
    n(lot.gain),
    currency,
    lot.direction,
    lot.symbol,
    lot.openFill.source.book,
    lot.openFill.source.venue,
    orderIdOf(buy),
    orderIdOf(sell),
    buy.source.id,
    sell.source.id,
  ];
}

/** One row per closed FIFO lot slice of the period. */
export function lotsCsv(report: Report): string {
  let out = line(LOTS_CSV_HEADER);
  for (const lot of report.closedLots) out += line(lotRow(lot, report.currency));
  return out;
}

/** One row per fill of the period, Koinly Universal layout plus Vigil columns. */
export function fillsCsv(report: Report): string {
  let out = line(FILLS_CSV_HEADER);
  for (const f of report.fills) {
    const s = f.source;
    const buy = f.side === 'buy';
    out += line([
      koinlyDate(f.at),
      buy ? n(f.quoteGross) : n(f.quantity),
      buy ? s.quote : s.base,
      buy ? n(f.quantity) : n(f.quoteGross),
      buy ? s.base : s.quote,
      s.feeAmount,
      s.feeAsset,
      n(f.gross),
      report.currency,
      '',
      `${s.side} ${s.quantity} ${s.symbol} @ ${s.price} (${s.book})`,
      s.id,
      n(f.fee),
      s.symbol,
      s.side,
      n(f.quantity),
      n(f.quotePrice),
      s.book,
      s.venue,
      s.orderId ?? '',
      s.clientOrderId,
      f.rate === null ? '' : rateText(f.rate),
      f.rate === null ? '' : rateSource(f.rate, s.quote, report.currency),
    ]);
  }
  return out;
}
