import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { notarizeFromEnv } from '../../../scripts/notarize-env';

// No Electron binary exists here, so the packages cannot be built; this checks the packaging
// configuration the way electron-builder itself loads and validates it, and the icon files.

const CONFIG_FILE = 'electron-builder.config.ts';
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(process.cwd(), CONFIG_FILE, null);
  await validateConfiguration(config, new DebugLogger(false));
});

const targetsOf = (platform: { target?: unknown } | null | undefined): unknown => platform?.target;

describe('electron-builder configuration', () => {
  it('passes electron-builder validation, which rejects an unknown option', async () => {
    expect(config.appId).toBe('app.vigil.cockpit');
    const broken = { ...config, electronFuses: { runAsNod: false } } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.electronFuses/,
    );
  });

  it('builds AppImage and deb, a hardened-runtime dmg, and an NSIS installer', () => {
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(config.deb?.depends).toContain('libsecret-1-0');
    expect(config.publish).toBeNull();
  });

  it('unpacks the native modules from the asar and rebuilds them for Electron', () => {
    const unpack = [config.asarUnpack ?? []].flat();
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/keytar/build/Release/keytar.node',
      'node_modules/better-sqlite3/lib/database.js',
    ]) {
      expect(
        unpack.some((pattern) => matchesGlob(file, pattern)),
        file,
      ).toBe(true);
    }
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('locks the Electron binary down with fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the whole replay data folder with its README, the tray icons and the license', () => {
    const resources = [config.extraResources ?? []].flat();
    expect(resources).toContainEqual({ from: 'resources/data', to: 'data', filter: ['**/*'] });
    expect(resources).toContainEqual({ from: 'resources/icons', to: 'icons', filter: ['**/*'] });
    expect(resources).toContainEqual({ from: 'LICENSE', to: 'LICENSE' });
    expect(existsSync('resources/data/README.md')).toBe(true);
    // The app itself is the built bundle, never the sources or source maps.
    const files = [config.files ?? []]
      .flat()
      .flatMap((f) => (typeof f === 'string' ? [f] : [...[f.filter ?? []].flat()]));
    expect(files).toEqual(expect.arrayContaining(['out/main/**/*', '!**/*.map']));
    expect(files.some((f) => f.includes('src-'))).toBe(false);
  });
});

describe('notarization from the environment', () => {
  it('notarizes with a complete set of Apple credentials, and not without any', () => {
    expect(notarizeFromEnv({})).toBe(false);
    expect(
      notarizeFromEnv({ APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 't' }),
    ).toBe(true);
    expect(
      notarizeFromEnv({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'i', APPLE_API_ISSUER: 'u' }),
    ).toBe(true);
    expect(notarizeFromEnv({ APPLE_KEYCHAIN_PROFILE: 'vigil' })).toBe(true);
  });

  it('refuses a partial set, naming what is missing', () => {
    expect(() => notarizeFromEnv({ APPLE_ID: 'a', APPLE_TEAM_ID: 't' })).toThrow(
      /APPLE_APP_SPECIFIC_PASSWORD missing/,
    );
  });
});

describe('npm run dist without an Electron binary', () => {
  it('says so in one line and builds nothing', () => {
    const env = { ...process.env, VIGIL_ELECTRON_DIST: '' };
    const result = spawnSync(process.execPath, ['scripts/dist.mjs'], { env, encoding: 'utf8' });
    if (existsSync('node_modules/electron/dist')) return; // an Electron binary is installed here
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^npm run dist: no Electron binary here .*nothing built\.$/m);
  });

  it('names a given --electron-dist that holds no Electron', () => {
    const result = spawnSync(
      process.execPath,
      ['scripts/dist.mjs', '--electron-dist', 'resources/data'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--electron-dist resources\/data has no Electron executable/);
  });
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('icons rendered from build/icon.svg', () => {
  it('are up to date with the SVG (re-run `npm run icons` after editing it)', () => {
    const digest = createHash('sha256').update(readFileSync('build/icon.svg')).digest('hex');
    expect(readFileSync('build/icon-source.sha256', 'utf8').split(' ')[0]).toBe(digest);
  });

  it('cover every size each platform asks for', () => {
    expect(pngSize(readFileSync('build/icon.png'))).toEqual([1024, 1024]);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(readFileSync(`build/icons/${size}x${size}.png`))).toEqual([size, size]);
    }
    const ico = readFileSync('build/icon.ico');
    const count = ico.readUInt16LE(4);
    const icoSizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const icns = readFileSync('build/icon.icns');
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString('ascii'));
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('include a tray icon (1x and 2x) for every control mode', () => {
    const files = readdirSync('resources/icons');
    for (const mode of ['running', 'paused', 'reducing', 'resuming', 'halted']) {
      expect(files).toContain(`tray-${mode}.png`);
      expect(pngSize(readFileSync(`resources/icons/tray-${mode}@2x.png`))).toEqual([64, 64]);
    }
  });
});
