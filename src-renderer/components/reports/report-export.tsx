import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import type { ReportFormat } from '../../../src-shared/contract/reports';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useMarketStore } from '../../state/market-store';
import { saveBytes } from './save-bytes';

/** "2018-01": the month of an instant in this window's time zone (the report's zone). */
function monthOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** Exact decimal text from the engine, rounded to cents for a status line (display only). */
function displayMoney(text: string): string {
  return Number(text).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

let exportSeq = 0;

/** Monthly report export: month, book and format, with progress while the engine works. */
export function ReportExport(): ReactElement {
  const client = useClient();
  // Until the trader picks a month: the latest month with a trade (fills are on market time,
  // so a replay's trades are in its own years), else the feed clock's month.
  const [picked, setPicked] = useState<string | null>(null);
  const lastFillAt = useBookStore((s) => s.lastFillAt);
  const feedTime = useMarketStore((s) => s.feedTime);
  const month = picked ?? monthOf(lastFillAt ?? feedTime ?? Date.now());
  const [book, setBook] = useState('paper');
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [exportId, setExportId] = useState<string | null>(null);

  useEffect(() => {
    if (exportId === null) return undefined;
    return client.on('reportExportProgressed', (p) => {
      if (p.exportId === exportId) setProgress(p.fraction);
    });
  }, [client, exportId]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    exportSeq += 1;
    const id = `ui-${Date.now()}-${exportSeq}`;
    setExportId(id);
    setProgress(0);
    setMessage(null);
    client
      .call('exportReport', {
        exportId: id,
        book,
        period: { kind: 'month', month },
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        format,
      })
      .then(
        (out) => {
          saveBytes(out.bytesBase64, out.fileName, out.mimeType);
          const s = out.summary;
          setMessage(
            s.trades === 0
              ? `${out.fileName}: no trades in ${s.periodLabel}`
              : `${out.fileName}: ${s.trades} trades, realized ${displayMoney(s.realizedPnl)} ${s.currency}`,
          );
        },
        (error: unknown) => setMessage(errorText(error)),
      )
      .finally(() => {
        setProgress(null);
        setExportId(null);
      });
  };

  const busy = progress !== null;
  return (
    <form className="report-export" onSubmit={submit} aria-label="Export report">
      <label>
        Month
        <input
          type="month"
          value={month}
          onChange={(e) => setPicked(e.target.value)}
          data-testid="report-month"
          required
        />
      </label>
      <label>
        Book
        <select value={book} onChange={(e) => setBook(e.target.value)}>
          <option value="paper">Paper</option>
        </select>
      </label>
      <label>
        Format
        <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
          <option value="pdf">PDF report</option>
          <option value="lots-csv">Tax lots CSV</option>
          <option value="fills-csv">Fills CSV</option>
        </select>
      </label>
      <button type="submit" disabled={busy} data-testid="export-report">
        {busy ? 'Exporting…' : 'Export report'}
      </button>
      {busy && <progress max={1} value={progress} data-testid="export-progress" />}
      {message !== null && (
        <span className="report-export-message" role="status">
          {message}
        </span>
      )}
    </form>
  );
}
