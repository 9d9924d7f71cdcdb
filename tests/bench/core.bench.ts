import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import { verifyAuditChain } from '../../src-main/engine/audit/verify-audit';
import { systemClock } from '../../src-main/engine/clock';
import { openVigilStore } from '../../src-main/engine/schema';
import { distribution, formatMicros, timeMicros } from './measure';

/** Audit append latency on a real WAL database file, and verify throughput. */
export async function runCoreBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    const store = openVigilStore(join(dir, 'vigil.db'));
    const log = new AuditLog(store.db, systemClock);
    const samples: number[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      samples.push(
        timeMicros(() => {
          log.append({
            kind: 'bench.event',
            actor: 'bench',
            payload: { i, symbol: 'BTC/USDT', qty: 0.125 },
          });
        }),
      );
    }
    console.log(
      `audit append (WAL, synchronous=NORMAL): ${formatMicros(distribution(samples.slice(1000)))}`,
    );
    const start = process.hrtime.bigint();
    const verdict = verifyAuditChain(store.db);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(
      `audit verify: ${verdict.rows} rows in ${ms.toFixed(1)} ms (${Math.round(verdict.rows / (ms / 1000))} rows/s)`,
    );
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
