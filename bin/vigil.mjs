#!/usr/bin/env node
// The `vigil` command: runs the bundled CLI that `npm run build` writes to out/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/vigil.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('vigil: not built yet; run `npm run build` in the Vigil folder.\n');
  process.exit(1);
}
await import(bundle.href);
