// Preload (`node --import ./tests/support/module-trace.mjs ...`) that records which npm
// packages the process resolved, ESM and CommonJS alike, and writes their names (one a line)
// to $VIGIL_MODULE_TRACE when the process exits. Used to prove a command never loads ccxt.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const out = process.env['VIGIL_MODULE_TRACE'];
if (out === undefined) throw new Error('module-trace: set VIGIL_MODULE_TRACE to an output file');
const packages = new Set();
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(result.url);
    if (match !== null) packages.add(match[1]);
    return result;
  },
});
process.on('exit', () => writeFileSync(out, [...packages].sort().join('\n') + '\n'));
