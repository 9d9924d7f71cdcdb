import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The cockpit page's preferences, locked down: isolated and sandboxed, no Node in the page,
 * no insecure content, no middle-click (Auxclick would open links past our window-open
 * handler), no webviews.
 */
export function cockpitWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
  };
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#0d1117',
    title: 'Vigil',
    show: false,
    webPreferences: cockpitWebPreferences(preloadPath),
  };
}
