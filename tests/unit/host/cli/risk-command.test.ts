import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src-main/host/cli/run-cli';
import { defaultRiskConfig } from '../../../../src-shared/domain/risk-config';
import { captureIo } from '../../../support/capture-io';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function file(content: unknown): string {
  const path = join(tempDir(), 'risk.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('vigil risk validate', () => {
  it('accepts a valid file', async () => {
    const io = captureIo();
    const path = file(defaultRiskConfig('Europe/Berlin'));
    expect(await runCli(['risk', 'validate', path], io)).toBe(0);
    expect(io.out.join('')).toBe(`${path}: valid\n`);
  });

  it('names every bad field and exits 1', async () => {
    const io = captureIo();
    const path = file({
      ...defaultRiskConfig('UTC'),
      maxLeverage: 25,
      softDrawdownPct: 11,
      timeZone: 'Moon/Base',
    });
    expect(await runCli(['risk', 'validate', path, '--json'], io)).toBe(1);
    const out = JSON.parse(io.out.join('')) as { valid: boolean; issues: string[] };
    expect(out.valid).toBe(false);
    expect(out.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^maxLeverage: /),
        'timeZone: is not a known IANA time zone',
      ]),
    );
  });

  it('fills defaults for missing fields but requires the time zone', async () => {
    const io = captureIo();
    expect(await runCli(['risk', 'validate', file({ maxLeverage: 2 })], io)).toBe(1);
    expect(io.out.join('')).toContain('timeZone: ');
  });

  it('reports unreadable JSON and usage errors', async () => {
    const io = captureIo();
    expect(await runCli(['risk', 'validate', file('{nope')], io)).toBe(1);
    expect(io.err.join('')).toContain('cannot read');
    expect(await runCli(['risk', 'frobnicate'], io)).toBe(2);
    expect(await runCli(['risk', 'set', 'maxLeverage'], io)).toBe(2);
    expect(await runCli(['kill', '--bogus'], io)).toBe(2);
  });
});
