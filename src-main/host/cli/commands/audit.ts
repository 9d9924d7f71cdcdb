import { existsSync } from 'node:fs';
import { databasePath } from '../../../engine/data-dir';
import { openVigilStoreReadOnly } from '../../../engine/schema';
import { verifyAuditChain, type AnchorCheck } from '../../../engine/audit/verify-audit';
import {
  auditAnchorPath,
  parseAnchorText,
  readAuditAnchor,
} from '../../../engine/audit/audit-anchor';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';

/**
 * `vigil audit verify`: exit 0 with the row count when the chain is intact, 1 at the first bad
 * row. The chain is also checked against the anchor file beside the database and against
 * `--anchor SEQ:HASH` (the head printed in an exported report).
 */
export function auditCommand(args: readonly string[], io: CliIo): number {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(`unknown audit subcommand '${sub ?? ''}'`);
  const { values } = parseFlags(rest, {
    anchor: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  const anchors: AnchorCheck[] = [];
  if (values.anchor !== undefined) {
    const given = parseAnchorText(values.anchor);
    if (given === null)
      throw new UsageError(`--anchor must be SEQ:HASH (64 hex digits), got '${values.anchor}'`);
    anchors.push({ ...given, source: '--anchor' });
  }
  const dataDir = resolveDataDir(values['data-dir'], io);
  const path = databasePath(dataDir);
  if (!existsSync(path)) {
    io.stderr(`vigil audit verify: no Vigil database at ${path}\n`);
    return EXIT_FAILURE;
  }
  let side;
  try {
    side = readAuditAnchor(dataDir);
  } catch (error) {
    io.stderr(`vigil audit verify: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  if (side !== null) anchors.push({ ...side, source: auditAnchorPath(dataDir) });
  // Read-only: verifying must never change what it verifies (no migration, no write).
  let store;
  try {
    store = openVigilStoreReadOnly(path);
  } catch (error) {
    io.stderr(`vigil audit verify: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  try {
    const verdict = verifyAuditChain(store.db, anchors);
    if (values.json === true) io.stdout(`${JSON.stringify(verdict)}\n`);
    else if (verdict.intact) {
      const through = verdict.anchors.map((a) => `row ${a.seq} (${a.source})`).join(', ');
      io.stdout(
        `audit chain intact: ${verdict.rows} rows${through === '' ? '' : `; matches the anchor at ${through}`}\n`,
      );
    } else io.stdout(`audit chain BROKEN at row ${verdict.badSeq}: ${verdict.reason}\n`);
    return verdict.intact ? EXIT_OK : EXIT_FAILURE;
  } finally {
    store.close();
  }
}
