import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { databasePath } from '../../src-main/engine/data-dir';
import { runPaperSession } from '../support/paper-session';

/**
 * The headless host (built CLI) on a given data folder — here one that already holds a real
 * paper session's ledger, which the shared worker-scoped host fixture (fresh folder) cannot.
 */
async function startHost(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['bin/vigil.mjs', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(out);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${out}`)));
  });
  return { url, child };
}

test('exports the monthly PDF report from the UI as a download', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-report-'));
  const session = await runPaperSession(databasePath(dataDir));
  const lastFill = session.rig.ledger.fills('paper').at(-1);
  if (lastFill === undefined) throw new Error('the paper session made no fills');
  // The export offers the latest month with a trade, in this browser's (the report's) zone.
  const lastMonth = await page.evaluate((at) => {
    const d = new Date(at);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  }, lastFill.at);
  session.rig.executor.stop();
  session.rig.store.close();
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('connection')).toHaveText('connected');
    const form = page.getByRole('form', { name: 'Export report' });
    await expect(form.locator('input[type=month]')).toHaveValue(lastMonth);
    await form.locator('input[type=month]').fill('2018-05');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-report').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('vigil-report-paper-2018-05.pdf');
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expect(page.getByRole('status')).toContainText('45 trades');
    await page.screenshot({ path: test.info().outputPath('after-export.png') });
  } finally {
    const exited = new Promise((resolve) => host.child.once('exit', resolve));
    host.child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a future month is refused with the engine message', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-report-'));
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('connection')).toHaveText('connected');
    await page
      .getByRole('form', { name: 'Export report' })
      .locator('input[type=month]')
      .fill('2099-01');
    await page.getByTestId('export-report').click();
    await expect(page.getByRole('status')).toContainText('month 2099-01 is in the future');
  } finally {
    const exited = new Promise((resolve) => host.child.once('exit', resolve));
    host.child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
