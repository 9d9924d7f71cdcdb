import { join } from 'node:path';
import { app, type BrowserWindow, session, type Tray } from 'electron';
import { Engine } from '../engine/engine';
import { startLocalControl, type LocalControl } from '../host/local-control';
import { attachIpcBridge } from './ipc-bridge';
import { registerKillShortcut, unregisterKillShortcut } from './kill-shortcut';
import { attachNotifications } from './notifications';
import { createKillTray } from './tray';
import { denyAllPermissions } from './web-contents-guards';
import { createMainWindow } from './window';

// One cockpit per user: a second launch focuses the first instead of opening the same database.
if (!app.requestSingleInstanceLock()) app.quit();

let engine: Engine | undefined;
let mainWindow: BrowserWindow | undefined;
let tray: Tray | undefined;
let localControl: LocalControl | undefined;

app.on('second-instance', () => {
  if (mainWindow !== undefined) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.whenReady().then(
  () => {
    denyAllPermissions(session.defaultSession);
    const dataDir = app.getPath('userData');
    engine = Engine.start({
      dataDir,
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
    attachNotifications(engine);
    // `vigil kill` / `vigil status` reach the running app through host.json, like a host.
    const running = engine;
    startLocalControl({
      engine: running,
      dataDir,
      rendererDir: join(__dirname, '../renderer'),
      port: 0,
      onError: (error) => console.error('vigil local control:', error),
    }).then(
      (control) => {
        localControl = control;
      },
      (error: unknown) => console.error('vigil: local control channel failed to start', error),
    );
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
  void localControl?.stop();
  engine?.stop('app quit');
});
