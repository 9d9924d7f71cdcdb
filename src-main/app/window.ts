import { BrowserWindow, dialog, shell } from 'electron';
import { join } from 'node:path';
import { guardWebContents } from './web-contents-guards';
import { mainWindowOptions } from './window-options';

/**
 * The cockpit window, locked down (window-options.ts, web-contents-guards.ts): isolated,
 * sandboxed, no Node in the page, no navigation away from our bundle, no new windows, links
 * out only to allowed sites after the trader confirms.
 */
export function createMainWindow(appDir: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(appDir, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  guardWebContents(window.webContents, {
    confirm: async (url, host) => {
      const answer = await dialog.showMessageBox(window, {
        type: 'question',
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `Open ${host} in your browser?`,
        detail: url,
      });
      return answer.response === 0;
    },
    open: (url) => shell.openExternal(url),
    refused: (url, reason) => console.warn(`vigil: link not opened (${reason}): ${url}`),
  });

  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl !== undefined) void window.loadURL(devUrl);
  else void window.loadFile(join(appDir, '../renderer/index.html'));
  return window;
}
