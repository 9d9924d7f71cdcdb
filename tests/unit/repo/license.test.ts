import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README promises a GPL-3.0-or-later project that may ship its bundled data: these checks
// keep that sentence true when a file is added to resources/data or the license changes.
const GPL_COMPATIBLE = new Set(['GPL-3.0', 'LGPL-3.0', 'Apache-2.0', 'MIT', 'BSD-3-Clause']);

describe('project license and bundled data', () => {
  it('declares GPL-3.0-or-later with the full text beside it', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { license: string };
    expect(pkg.license).toBe('GPL-3.0-or-later');
    const text = readFileSync('LICENSE', 'utf8');
    expect(text).toContain('GNU GENERAL PUBLIC LICENSE');
    expect(text).toContain('Version 3, 29 June 2007');
  });

  it('lists every bundled candle file with a GPL-compatible source license', () => {
    const readme = readFileSync('resources/data/README.md', 'utf8');
    const rows = new Map<string, string>();
    for (const line of readme.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      if (cells.length > 3 && cells[1]?.endsWith('.csv') === true) {
        rows.set(cells[1], cells[cells.length - 2] ?? '');
      }
    }
    const files = readdirSync('resources/data').filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const license = rows.get(file);
      expect(license, `${file} is not listed in resources/data/README.md`).toBeDefined();
      expect(GPL_COMPATIBLE.has(license ?? ''), `${file}: ${license}`).toBe(true);
    }
  });
});
