import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { auditRiskEvents } from '../../../../src-main/engine/reports/audit-risk-events';
import { ledgerTransfers } from '../../../../src-main/engine/reports/ledger-transfers';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { ManualClock } from '../../../support/manual-clock';

describe('report inputs read from the database', () => {
  it('ledger transfers become deposits and withdrawals of their book only', () => {
    const store = openVigilStore(':memory:');
    const ledger = new Ledger(store.db);
    ledger.ensureBook('paper', 'USDT', '10000', 0);
    ledger.ensureBook('live:binance', 'USDT', '0', 0);
    ledger.transfer('paper', '500', 'deposit', 1_000);
    ledger.transfer('paper', '-200.5', 'withdrawal', 2_000);
    ledger.transfer('live:binance', '999', 'deposit', 1_500);
    ledger.transfer('paper', '50', 'after the period', 5_000);
    expect(ledgerTransfers(store.db, 'paper', 0, 5_000)).toEqual([
      { at: 1_000, kind: 'deposit', amount: '500', note: 'deposit' },
      { at: 2_000, kind: 'withdrawal', amount: '200.5', note: 'withdrawal' },
    ]);
    store.close();
  });

  it('audit rows become rejections by rule, automatic halts and human kills', () => {
    const store = openVigilStore(':memory:');
    const clock = new ManualClock(1_000);
    const audit = new AuditLog(store.db, clock);
    audit.append({
      kind: 'risk.rejected',
      actor: 'risk:max-positions',
      payload: { rule: 'max-positions', reason: '3 open' },
    });
    audit.append({
      kind: 'kill.triggered',
      actor: 'risk:max-drawdown',
      payload: { killId: 'a', reason: 'drawdown 10.2%' },
    });
    audit.append({
      kind: 'kill.triggered',
      actor: 'user:button',
      payload: { killId: 'a', reason: 'manual', joined: true },
    });
    audit.append({
      kind: 'kill.triggered',
      actor: 'cli',
      payload: { killId: 'b', reason: 'vigil kill' },
    });
    audit.append({ kind: 'engine.started', actor: 'system:test', payload: {} });
    expect(auditRiskEvents(store.db, 0, 2_000)).toEqual([
      { at: 1_000, kind: 'rejection', rule: 'max-positions', reason: '3 open' },
      { at: 1_000, kind: 'halt', rule: 'risk:max-drawdown', reason: 'drawdown 10.2%' },
      { at: 1_000, kind: 'kill', rule: 'cli', reason: 'vigil kill' },
    ]);
    expect(auditRiskEvents(store.db, 1_001, 2_000)).toEqual([]);
    store.close();
  });
});
