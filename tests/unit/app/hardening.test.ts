import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { decideExternalLink } from '../../../src-main/app/external-links';
import {
  denyAllPermissions,
  guardWebContents,
  type GuardedContents,
  type GuardedSession,
  type LinkActions,
} from '../../../src-main/app/web-contents-guards';
import { cockpitWebPreferences, mainWindowOptions } from '../../../src-main/app/window-options';

// The Electron app layer without an Electron binary: the settings window.ts and main.ts pass
// to Electron are built by these functions, so asserting them asserts what the app runs with.

describe('cockpit window preferences', () => {
  it('isolates and sandboxes the page, with no Node, no webviews and no middle-click', () => {
    const prefs = cockpitWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(mainWindowOptions('/p').webPreferences).toEqual(cockpitWebPreferences('/p'));
  });
});

describe('links out of the cockpit', () => {
  it('asks before opening an exchange or documentation site', () => {
    expect(decideExternalLink('https://www.binance.com/en/trade/BTC_USDT')).toEqual({
      kind: 'ask',
      url: 'https://www.binance.com/en/trade/BTC_USDT',
      host: 'www.binance.com',
    });
    expect(decideExternalLink('https://bybit-exchange.github.io/docs/v5/intro').kind).toBe('ask');
  });

  it('refuses other sites, look-alike hosts, http, other schemes and credentials', () => {
    const refused = (url: string): string => {
      const d = decideExternalLink(url);
      return d.kind === 'refuse' ? d.reason : `opened ${d.host}`;
    };
    expect(refused('https://example.com/')).toMatch(/example.com is not an exchange/);
    expect(refused('https://evilbinance.com/')).toMatch(/evilbinance.com is not/);
    expect(refused('https://binance.com.evil.io/')).toMatch(/binance.com.evil.io is not/);
    expect(refused('http://www.binance.com/')).toMatch(/not https/);
    expect(refused('file:///etc/passwd')).toMatch(/not https/);
    expect(refused('https://user:pw@www.kraken.com/')).toMatch(/credentials/);
    expect(refused('not a url')).toMatch(/not a URL/);
  });
});

/** A stand-in for a window's webContents that records the handlers the guards install. */
function fakeContents(): {
  contents: GuardedContents;
  handlers: Map<string, (event: { preventDefault(): void }) => void>;
  openHandler: () => (details: { url: string }) => { action: string };
} {
  const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  let open: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, handler: (event: { preventDefault(): void }) => void) => {
      handlers.set(name, handler);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      open = handler;
    },
  } as unknown as GuardedContents;
  return {
    contents,
    handlers,
    openHandler: () => {
      if (open === undefined) throw new Error('no window-open handler installed');
      return open;
    },
  };
}

describe('window guards', () => {
  it('prevents navigation, redirects and webviews', () => {
    const { contents, handlers } = fakeContents();
    guardWebContents(contents, { confirm: vi.fn(), open: vi.fn(), refused: vi.fn() });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      handlers.get(name)?.(event);
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
  });

  it('never opens a window; opens an allowed link only after the trader confirms', async () => {
    const { contents, openHandler } = fakeContents();
    const answers = [false, true];
    const links: LinkActions = {
      confirm: vi.fn(() => Promise.resolve(answers.shift() ?? false)),
      open: vi.fn(() => Promise.resolve()),
      refused: vi.fn(),
    };
    guardWebContents(contents, links);
    const handler = openHandler();
    expect(handler({ url: 'https://www.okx.com/trade' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(links.confirm).toHaveBeenCalledTimes(1));
    expect(links.open).not.toHaveBeenCalled(); // the trader said no
    expect(handler({ url: 'https://www.okx.com/trade' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(links.open).toHaveBeenCalledWith('https://www.okx.com/trade'));
    expect(handler({ url: 'https://phish.example/' })).toEqual({ action: 'deny' });
    expect(links.confirm).toHaveBeenCalledTimes(2);
    expect(links.refused).toHaveBeenCalledWith(
      'https://phish.example/',
      expect.stringContaining('phish.example'),
    );
  });
});

describe('session permissions', () => {
  it('denies every permission request, check and device', () => {
    const installed: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: unknown[]) => unknown) =>
        (installed['request'] = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => unknown) => (installed['check'] = h),
      setDevicePermissionHandler: (h: (...args: unknown[]) => unknown) => (installed['device'] = h),
    } as unknown as GuardedSession;
    denyAllPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      installed['request']?.({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(installed['check']?.({}, permission, 'file://', {})).toBe(false);
    }
    expect(installed['device']?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows no inline script and no inline style but the chart attribution, by its hash', () => {
    // lightweight-charts injects one <style> for its attribution logo: allowed by hash, so a
    // library upgrade that changes it fails here instead of as a CSP error in the window.
    const chartStyle = /createElement\("style"\),this\.\w+\.innerText="([^"]+)"/.exec(
      readFileSync(
        'node_modules/lightweight-charts/dist/lightweight-charts.production.mjs',
        'utf8',
      ),
    )?.[1];
    expect(chartStyle).toContain('tv-attr-logo');
    const hash = createHash('sha256')
      .update(chartStyle ?? '')
      .digest('base64');
    const meta = /Content-Security-Policy"\s+content="([^"]+)"/.exec(
      readFileSync('src-renderer/index.html', 'utf8'),
    )?.[1];
    const header = readFileSync('src-main/host/server/host-server.ts', 'utf8');
    for (const csp of [meta ?? '', header]) {
      expect(csp).toContain(`style-src 'self' 'sha256-${hash}';`);
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
  });
});
