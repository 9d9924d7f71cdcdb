import type { Configuration } from 'electron-builder';
import { notarizeFromEnv } from './scripts/notarize-env';

// Packaging for Linux (AppImage, deb), macOS (dmg, hardened runtime, notarized when Apple
// credentials are in the environment) and Windows (NSIS). `npm run dist` runs electron-builder
// with this file; tests/unit/repo/packaging-config.test.ts loads it through electron-builder's
// own validation and checks the safety points below.
const config: Configuration = {
  appId: 'app.vigil.cockpit',
  productName: 'Vigil',
  copyright: 'Copyright (C) Vigil contributors. GPL-3.0-or-later.',
  directories: { output: 'dist', buildResources: 'build' },
  // The app is the built bundle only; sources, tests and the CLI bundle stay out.
  files: ['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', 'package.json', '!**/*.map'],
  // Whole folders, not file lists: the replay data (with its README naming each source and
  // license) and the tray icons, outside the asar so the engine reads them as plain files.
  extraResources: [
    { from: 'resources/data', to: 'data', filter: ['**/*'] },
    { from: 'resources/icons', to: 'icons', filter: ['**/*'] },
    { from: 'LICENSE', to: 'LICENSE' },
  ],
  asar: true,
  // Native modules cannot load from inside an asar: unpack them (they are rebuilt for
  // Electron's ABI by electron-builder's install-app-deps step, npmRebuild below).
  asarUnpack: ['**/node_modules/better-sqlite3/**/*', '**/node_modules/keytar/**/*', '**/*.node'],
  npmRebuild: true,
  buildDependenciesFromSource: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Finance',
    icon: 'build/icons',
    executableName: 'vigil',
    synopsis: 'Trading cockpit with a kill switch that works every time',
    maintainer: 'Vigil contributors',
  },
  deb: {
    // keytar talks to the Secret Service through libsecret.
    depends: ['libsecret-1-0', 'libnotify4', 'libxtst6', 'libnss3'],
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.finance',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    notarize: notarizeFromEnv(process.env),
  },
  dmg: { title: 'Vigil ${version}' },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    license: 'LICENSE',
    // The trader's database is precious: uninstalling keeps the data folder.
    deleteAppDataOnUninstall: false,
  },
  publish: null,
};

export default config;
