import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

/**
 * The cockpit window, locked down: isolated, sandboxed, no Node in the page, no navigation
 * away from our bundle and no new windows.
 */
export function createMainWindow(appDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#0d1117',
    title: 'Vigil',
    show: false,
    webPreferences: {
      preload: join(appDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links out (docs, exchange pages) go to the system browser, never into our process.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl !== undefined) void window.loadURL(devUrl);
  else void window.loadFile(join(appDir, '../renderer/index.html'));
  return window;
}
