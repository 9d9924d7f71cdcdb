import { join } from 'node:path';
import { app, type BrowserWindow, session, type Tray } from 'electron';
import { Engine } from '../engine/engine';
import { attachIpcBridge } from './ipc-bridge';
import { registerKillShortcut, unregisterKillShortcut } from './kill-shortcut';
import { createKillTray } from './tray';
import { createMainWindow } from './window';

// One cockpit per user: a second launch focuses the first instead of opening the same database.
if (!app.requestSingleInstanceLock()) app.quit();

let engine: Engine | undefined;
let mainWindow: BrowserWindow | undefined;
let tray: Tray | undefined;

app.on('second-instance', () => {
  if (mainWindow !== undefined) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.whenReady().then(
  () => {
    // No permission (camera, geolocation, notifications via web API...) is ever granted to the page.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    engine = Engine.start({
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      host: 'electron',
      onError: (error) => console.error('vigil:', error),
      market: {
        kind: 'replay',
        replayDir: join(app.getAppPath(), 'resources', 'data'),
        autoPlay: true,
      },
    });
    mainWindow = createMainWindow(__dirname);
    attachIpcBridge(engine, () => mainWindow?.webContents);
    // The kill paths that work without the window: a global shortcut and the tray menu.
    registerKillShortcut(engine);
    tray = createKillTray(engine, null);
  },
  (error: unknown) => {
    console.error('vigil: failed to start', error);
    app.exit(1);
  },
);

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  unregisterKillShortcut();
  tray?.destroy();
  engine?.stop('app quit');
});
