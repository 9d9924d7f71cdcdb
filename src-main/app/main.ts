import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, session } from 'electron';
import { databasePath, defaultDataDir } from '../engine/data-dir';
import { Engine } from '../engine/engine';
import { hostEngineOptions } from '../host/host-engine';
import { closeAction, type DesktopSettingsStore } from '../engine/lifecycle/desktop-settings';
import { runQuitFlow } from '../engine/lifecycle/quit-flow';
import { startLocalControl, type LocalControl } from '../host/local-control';
import { attachIpcBridge } from './ipc-bridge';
import { registerKillShortcut, unregisterKillShortcut } from './kill-shortcut';
import { attachNotifications } from './notifications';
import { attachPowerMonitor } from './power-monitor';
import { askQuit } from './quit-dialog';
import { resourceDir } from './resource-paths';
import { createKillTray, notify } from './tray';
import { denyAllPermissions } from './web-contents-guards';
import { createMainWindow } from './window';

// One cockpit per user: a second launch focuses the first (and the engine's data folder lock
// refuses a second engine on the same database even from `vigil serve`).
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

let engine: Engine | undefined;
let desktop: DesktopSettingsStore | undefined;
let mainWindow: BrowserWindow | undefined;
let localControl: LocalControl | undefined;
let quitting = false;
const disposers: Array<() => void> = [];
const logError = (error: unknown): void => console.error('vigil:', error);

function showWindow(): void {
  if (mainWindow === undefined || mainWindow.isDestroyed()) {
    if (engine !== undefined) openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

app.on('second-instance', showWindow);
app.on('activate', showWindow);

/** Quit through the quit check: a book left open is asked about, with the kill offered first. */
function requestQuit(): void {
  const running = engine;
  if (running === undefined) {
    quitting = true;
    app.quit();
    return;
  }
  runQuitFlow({
    status: () => running.risk.status(),
    flattenOnKill: () => running.risk.config.current.flattenOnKill,
    ask: (question) => {
      showWindow();
      return askQuit(mainWindow, question);
    },
    kill: () =>
      running.risk.triggerKill({
        actor: 'user:quit@electron',
        reason: 'kill before quitting',
        flatten: running.risk.config.current.flattenOnKill,
      }).done,
    audit: running.audit,
    actor: 'user:quit@electron',
  }).then(
    (quit) => {
      if (!quit) return;
      quitting = true;
      app.quit();
    },
    (error: unknown) => {
      // The kill did not finish: stay open, with the engine still sweeping, and say why.
      logError(error);
      dialog.showErrorBox(
        'Vigil did not quit',
        `The kill before quitting failed: ${String(error)}`,
      );
    },
  );
}

function openWindow(): void {
  const window = createMainWindow(__dirname);
  mainWindow = window;
  window.on('close', (event) => {
    if (quitting || desktop === undefined) return;
    const action = closeAction(desktop.current);
    event.preventDefault();
    if (action === 'quit') {
      requestQuit();
      return;
    }
    window.hide();
    if (action === 'hide-with-notice') {
      notify(
        'Vigil keeps running in the tray',
        'The engine is still watching your positions. Use the tray icon to show Vigil, KILL, or quit.',
      );
      desktop.update({ trayNoticeShown: true }, 'system:electron');
    }
  });
}

app.whenReady().then(
  () => {
    // A second launch only hands over to the first (second-instance) and quits.
    if (!primary) return;
    denyAllPermissions(session.defaultSession);
    // The same folder the CLI uses by default, so `vigil kill` reaches the app.
    const dataDir = defaultDataDir(process.platform, process.env, homedir());
    const where = {
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    };
    try {
      engine = Engine.start({
        dataDir,
        version: app.getVersion(),
        host: 'electron',
        onError: logError,
        // The trader's choice of replay or live prices; exchange keys and alert secrets in
        // the OS keychain.
        ...hostEngineOptions(resourceDir(where, 'data')),
      });
    } catch (error) {
      dialog.showErrorBox(
        'Vigil cannot start',
        `${error instanceof Error ? error.message : String(error)}\n\nDatabase: ${databasePath(dataDir)}`,
      );
      app.exit(1);
      return;
    }
    const running = engine;
    desktop = running.desktop;
    openWindow();
    // Attached once: it serves whichever window is current.
    disposers.push(attachIpcBridge(running, () => mainWindow?.webContents));
    // The kill paths that work without the window: a global shortcut and the tray menu.
    registerKillShortcut(running);
    const tray = createKillTray({
      engine: running,
      desktop,
      iconDir: resourceDir(where, 'icons'),
      showWindow,
      quit: requestQuit,
    });
    disposers.push(tray.dispose);
    disposers.push(attachNotifications(running));
    disposers.push(attachPowerMonitor(running, logError));
    // `vigil kill` / `vigil status` reach the running app through host.json, like a host.
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

// The tray keeps the engine running with no window; quitting goes through requestQuit.
app.on('window-all-closed', () => {});
app.on('before-quit', (event) => {
  if (quitting) return;
  event.preventDefault();
  requestQuit();
});
app.on('will-quit', () => {
  unregisterKillShortcut();
  for (const dispose of disposers.splice(0)) dispose();
  void localControl?.stop();
  engine?.stop('app quit');
});
