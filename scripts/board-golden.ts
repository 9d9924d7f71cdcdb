// Golden hash of what the scanner's bar-close path gives on the bench's universe (600 real
// markets x 15m/1h/4h, 1,120 closes through ScannerService.ingest): the worker's board JSON,
// every frame a board
// window and a full-signals window receive, byte for byte and in order, every audit event the
// scanner appends, the board's list every 80 closes and the explained signals at the end. Run
// it in two trees (e.g. main and a branch) and compare the printed hashes.
// Usage: npx tsx scripts/board-golden.ts
import { createHash, type Hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, AuditLog, AuditRow } from '../src-main/engine/audit/audit-log';
import { canonicalJson } from '../src-main/engine/audit/canonical-json';
import { ConnectionInterest } from '../src-main/engine/connection-interest';
import { Engine } from '../src-main/engine/engine';
import { eventFrame } from '../src-main/engine/event-frames';
import { ScannerService } from '../src-main/engine/scanner/scanner-service';
import { DEFAULT_SCANNER_CONFIG } from '../src-main/engine/scanner/scoring/scanner-config';
import { fresh, MARKETS, scannerUniverse, TIMEFRAMES } from '../tests/bench/scanner-universe';

const { warm, measured } = await scannerUniverse();
const dir = mkdtempSync(join(tmpdir(), 'vigil-board-golden-'));
const engine = Engine.start({ dataDir: dir, version: 'golden', host: 'golden' });
const parts = {
  boardJson: createHash('sha256'),
  boardFrames: createHash('sha256'),
  fullFrames: createHash('sha256'),
  audit: createHash('sha256'),
  lists: createHash('sha256'),
  explained: createHash('sha256'),
};
const counts = { boardFrames: 0, fullFrames: 0, audit: 0 };
const windows: Array<[ConnectionInterest, Hash, 'boardFrames' | 'fullFrames']> = [
  [new ConnectionInterest(), parts.boardFrames, 'boardFrames'],
  [new ConnectionInterest(), parts.fullFrames, 'fullFrames'],
];
windows[1]?.[0].setSignalInterest(true);
// The scanner's events only: the engine's own (lag, durability) follow the wall clock.
const SCANNER_EVENTS: ReadonlySet<string> = new Set([
  'boardUpdated',
  'signalPublished',
  'tierChanged',
]);
engine.events.subscribe((event) => {
  if (!SCANNER_EVENTS.has(event.kind)) return;
  for (const [interest, hash, count] of windows) {
    if (!interest.passes(event)) continue;
    hash.update(eventFrame(event));
    counts[count] += 1;
  }
});
// The scanner's audit events as it hands them over (the rows' times are the wall clock).
const audit: AuditLog = Object.create(engine.audit) as AuditLog;
audit.appendAll = (events: readonly AuditEvent[]): AuditRow[] => {
  for (const e of events) parts.audit.update(canonicalJson({ ...e }));
  counts.audit += events.length;
  return engine.audit.appendAll(events);
};
const service = await ScannerService.start({
  events: engine.events,
  audit,
  config: { ...DEFAULT_SCANNER_CONFIG, timeframes: [...TIMEFRAMES] },
  board: engine.signals,
});
try {
  const closes = [...warm, ...measured];
  for (let i = 0; i < closes.length; i += 1) {
    const batch = await service.ingest(fresh((closes[i] as (typeof closes)[number]).batch));
    parts.boardJson.update(batch.board.json);
    if ((i + 1) % 80 === 0) parts.lists.update(JSON.stringify(engine.signals.list()));
  }
  for (let m = 0; m < MARKETS; m += 60) {
    for (const timeframe of TIMEFRAMES) {
      const signal = await engine.signals.explain({
        exchange: 'bench',
        symbol: `M${m}/USD`,
        timeframe,
      });
      parts.explained.update(JSON.stringify(signal));
    }
  }
  const all = createHash('sha256');
  for (const [name, hash] of Object.entries(parts)) {
    const digest = hash.digest('hex');
    all.update(digest);
    console.log(`${name.padEnd(12)} ${digest.slice(0, 16)}`);
  }
  console.log(
    `closes ${closes.length}; frames: ${counts.boardFrames} to the board window, ${counts.fullFrames} to the full window; audit events ${counts.audit}`,
  );
  console.log(`golden       ${all.digest('hex').slice(0, 16)}`);
} finally {
  await service.close();
  engine.stop('golden done');
  rmSync(dir, { recursive: true, force: true });
}
