import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../../src-shared/contract/events';
import type { CommandHandlers } from '../../../../src-shared/contract/handlers';
import { dispatchCommand } from '../../../../src-shared/contract/dispatch';
import { EventBus } from '../../../../src-main/engine/event-bus';
import { engineReportSource } from '../../../../src-main/engine/reports/engine-report-source';
import { reportsHandlers } from '../../../../src-main/engine/reports/reports-handlers';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { FIXTURE_NOW, fixtureSource } from '../../../support/report-fixture';
import { ManualClock } from '../../../support/manual-clock';

function setup(): { handlers: CommandHandlers; events: EventEnvelope[] } {
  const bus = new EventBus((e) => {
    throw e;
  });
  const events: EventEnvelope[] = [];
  bus.subscribe((e) => events.push(e));
  const handlers = reportsHandlers({
    clock: new ManualClock(FIXTURE_NOW),
    events: bus,
    source: fixtureSource,
  });
  return { handlers: handlers as CommandHandlers, events };
}

const request = {
  exportId: 'exp-1',
  book: 'paper',
  period: { kind: 'month', month: '2026-10' },
  timeZone: 'Europe/Berlin',
  format: 'pdf',
};

describe('exportReport command', () => {
  it('returns the PDF bytes with a summary and publishes progress up to done', async () => {
    const { handlers, events } = setup();
    const result = await dispatchCommand(handlers, 'exportReport', request, { origin: 'test' });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as {
      fileName: string;
      bytesBase64: string;
      sizeBytes: number;
      summary: unknown;
    };
    expect(out.fileName).toBe('vigil-report-paper-2026-10.pdf');
    const bytes = Buffer.from(out.bytesBase64, 'base64');
    expect(bytes.length).toBe(out.sizeBytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(out.summary).toEqual({
      periodLabel: 'October 2026',
      book: 'paper',
      currency: 'USDT',
      trades: 3,
      realizedPnl: '1377',
      fees: '129.1',
      partial: false,
    });
    const progress = events.flatMap((e) =>
      e.kind === 'reportExportProgressed' ? [e.payload] : [],
    );
    expect(progress.every((p) => p.exportId === 'exp-1')).toBe(true);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ exportId: 'exp-1', stage: 'done', fraction: 1 });
  });

  it('exports the lots CSV', async () => {
    const { handlers } = setup();
    const result = await dispatchCommand(
      handlers,
      'exportReport',
      { ...request, format: 'lots-csv' },
      { origin: 'test' },
    );
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as { fileName: string; mimeType: string; bytesBase64: string };
    expect(out).toMatchObject({ fileName: 'vigil-lots-paper-2026-10.csv', mimeType: 'text/csv' });
    expect(Buffer.from(out.bytesBase64, 'base64').toString('utf8').split('\r\n')).toHaveLength(6);
  });

  it('answers a future month, a bad book or a bad zone with a typed error', async () => {
    const { handlers } = setup();
    const future = await dispatchCommand(
      handlers,
      'exportReport',
      { ...request, period: { kind: 'month', month: '2027-02' } },
      { origin: 'test' },
    );
    expect(future).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('month 2027-02 is in the future'),
      },
    });
    const book = await dispatchCommand(
      handlers,
      'exportReport',
      { ...request, book: 'both' },
      { origin: 'test' },
    );
    expect(book).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const zone = await dispatchCommand(
      handlers,
      'exportReport',
      { ...request, timeZone: 'Nowhere/Land' },
      { origin: 'test' },
    );
    expect(zone).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("unknown time zone 'Nowhere/Land'") },
    });
  });

  it('an engine without a ledger refuses clearly', () => {
    const store = openVigilStore(':memory:');
    expect(() => engineReportSource({ store, clock: new ManualClock(0) })).toThrow(
      'reports need the ledger of the execution core',
    );
    store.close();
  });
});
