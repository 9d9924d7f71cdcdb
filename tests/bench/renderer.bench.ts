import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { distribution } from './measure';

/**
 * Renderer bench: the real UI in Chromium against `vigil serve` (build first), charting a
 * replayed 5m series. Frame times come from requestAnimationFrame deltas in the page while the
 * replay plays at 60x and at max; "kill shown" is click -> HALTED on screen at both speeds,
 * timed inside the page from the click to the first frame painted after the badge says HALTED.
 */
const SECONDS = 10;
/** The cockpit's target: HALTED on screen within 50 ms of the click. */
const KILL_SHOWN_CEILING_MS = 50;
const KILLS = 5;

/**
 * One KILL click -> HALTED on screen, in the page's own clock: the click is dispatched, a
 * MutationObserver sees the control-mode badge read HALTED, and the next animation frame (the
 * paint that shows it) ends the measure. A string, because tsx's helpers do not exist there.
 */
async function killShownMs(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const button = document.querySelector('[data-testid="kill-button"]');
    if (button === null) return reject(new Error('no kill button'));
    let start = 0;
    const observer = new MutationObserver(() => {
      const badge = document.querySelector('[data-testid="control-mode"]');
      if (badge === null || badge.textContent !== 'HALTED') return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - start));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    start = performance.now();
    button.click();
  })`);
}

/** Kills and re-arms through the UI, timing each click -> HALTED on screen. */
async function killsShown(page: Page): Promise<number[]> {
  const shown: number[] = [];
  for (let i = 0; i < KILLS; i += 1) {
    shown.push(await killShownMs(page));
    await page.getByTestId('kill-state').filter({ hasText: 'Kill complete' }).waitFor();
    await page.getByTestId('rearm-input').fill('REARM');
    await page.getByTestId('rearm-button').click();
    await page.getByTestId('control-mode').filter({ hasText: 'RUNNING' }).waitFor();
  }
  return shown;
}

/** rAF deltas in the page. A string, because tsx's helpers do not exist inside the page. */
async function frameTimes(page: Page, seconds: number): Promise<number[]> {
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const deltas = [];
    let last = performance.now();
    const end = last + ${seconds * 1000};
    const step = (now) => {
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(step);
      else resolve(deltas);
    };
    requestAnimationFrame(step);
  })`);
}

const bars = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('price-chart').getAttribute('data-bars'));

export async function runRendererBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ui-'));
  const child = spawn(
    process.execPath,
    ['bin/vigil.mjs', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${output}`)));
  });
  const browser = await chromium.launch({
    executablePath: process.env['VIGIL_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.locator('[data-testid="instrument-row"][data-symbol="ADA/BTC"]').click();
    await page.getByTestId('tf-5m').click();
    for (const speed of ['60x', 'max'] as const) {
      await page.getByTestId('replay-speed').selectOption(speed);
      const before = await bars(page);
      const samples = await frameTimes(page, SECONDS);
      const d = distribution(samples);
      const sorted = [...samples].sort((a, b) => a - b);
      const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))] ?? Number.NaN;
      const after = await bars(page);
      console.log(
        `replay ${speed}: frame time p50 ${d.p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(1)} ms over ${d.count} frames in ${SECONDS} s; chart bars ${before} -> ${after}`,
      );
    }
    for (const speed of ['60x', 'max'] as const) {
      await page.getByTestId('replay-speed').selectOption(speed);
      const k = distribution(await killsShown(page));
      console.log(
        `KILL click -> HALTED on screen, replay at ${speed}: p50 ${k.p50.toFixed(1)} ms, max ${k.max.toFixed(1)} ms over ${k.count} kills; ceiling ${KILL_SHOWN_CEILING_MS} ms, worst/ceiling ${(k.max / KILL_SHOWN_CEILING_MS).toFixed(2)}`,
      );
    }
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
