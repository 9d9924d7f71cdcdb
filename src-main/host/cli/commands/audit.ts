import { existsSync } from 'node:fs';
import { databasePath } from '../../../engine/data-dir';
import { openStore } from '../../../engine/store/open-store';
import { verifyAuditChain } from '../../../engine/audit/verify-audit';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';

/** `vigil audit verify`: exit 0 with the row count when the chain is intact, 1 at the first bad row. */
export function auditCommand(args: readonly string[], io: CliIo): number {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(`unknown audit subcommand '${sub ?? ''}'`);
  const { values } = parseFlags(rest, {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  const dataDir = resolveDataDir(values['data-dir'], io);
  const path = databasePath(dataDir);
  if (!existsSync(path)) {
    io.stderr(`vigil audit verify: no Vigil database at ${path}\n`);
    return EXIT_FAILURE;
  }
  const store = openStore(path);
  try {
    const verdict = verifyAuditChain(store.db);
    if (values.json === true) io.stdout(`${JSON.stringify(verdict)}\n`);
    else if (verdict.intact) io.stdout(`audit chain intact: ${verdict.rows} rows\n`);
    else io.stdout(`audit chain BROKEN at row ${verdict.badSeq}: ${verdict.reason}\n`);
    return verdict.intact ? EXIT_OK : EXIT_FAILURE;
  } finally {
    store.close();
  }
}
