import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../src-main/engine/secrets/keytar-secret-store';
import { SecretStoreUnavailableError } from '../../../src-main/engine/secrets/secret-store';
import { Secrets } from '../../../src-main/engine/secrets/secrets';
import { Settings } from '../../../src-main/engine/settings';
import { openVigilStore } from '../../../src-main/engine/schema';
import { databasePath } from '../../../src-main/engine/data-dir';
import { requireSecretService } from '../../support/secret-service';
import { useTempDirs } from '../../support/temp-dir';

// The OS keychain through keytar against a real Secret Service (gnome-keyring in the private
// D-Bus session that `npm test` starts), and keytar's refusal when there is none.

const tempDir = useTempDirs();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
beforeAll(() => requireSecretService());

function openSecrets(dir: string): { secrets: Secrets; close: () => void } {
  const store = openVigilStore(databasePath(dir));
  return {
    secrets: new Secrets(new KeytarSecretStore(), new Settings(store.db)),
    close: () => store.close(),
  };
}

describe('KeytarSecretStore on a real Secret Service', () => {
  it('sets, reads, replaces and deletes a secret, which survives a restart of the store', async () => {
    const dir = tempDir();
    const first = openSecrets(dir);
    const exchange = first.secrets.purpose('exchange');
    cleanups.push(() => exchange.delete('main'));
    const secret = `s-${randomBytes(12).toString('hex')}`;
    await exchange.set('main', secret);
    expect(await exchange.get('main')).toBe(secret);
    first.close();

    // A new process on the same data folder: same profile, same keychain entry.
    const second = openSecrets(dir);
    expect(second.secrets.profile).toBe(first.secrets.profile);
    const again = second.secrets.purpose('exchange');
    expect(await again.get('main')).toBe(secret);
    await again.set('main', `${secret}-2`);
    expect(await again.get('main')).toBe(`${secret}-2`);
    expect(await again.delete('main')).toBe(true);
    expect(await again.get('main')).toBeNull();
    expect(await again.delete('main')).toBe(false);
    second.close();
  });

  it('keeps purposes and data folders apart', async () => {
    const a = openSecrets(tempDir());
    const b = openSecrets(tempDir());
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const alerts = a.secrets.purpose('alerts');
    cleanups.push(() => alerts.delete('telegram-bot-token'));
    expect(await alerts.status('telegram-bot-token')).toEqual({ set: false });
    await alerts.set('telegram-bot-token', 'token-a');
    expect(await alerts.status('telegram-bot-token')).toEqual({ set: true });
    expect(await a.secrets.purpose('exchange').get('telegram-bot-token')).toBeNull();
    expect(await b.secrets.purpose('alerts').get('telegram-bot-token')).toBeNull();
    expect(() => a.secrets.purpose('Alerts!')).toThrow(/purpose 'Alerts!' must be/);
  });
});

/** Runs a tiny script that stores a secret, in a child process with its own environment. */
function setInChild(env: NodeJS.ProcessEnv, wrap?: string): Promise<string> {
  const script = join(tempDir(), 'store-probe.mts');
  const store = resolve('src-main/engine/secrets/keytar-secret-store.ts');
  writeFileSync(
    script,
    `import { KeytarSecretStore } from ${JSON.stringify(store)};
try { await new KeytarSecretStore().set('probe:exchange:main', 'x'); console.log('STORED'); }
catch (e) { console.log(e.name + ' ' + e.problem + ': ' + e.message); }
`,
  );
  const node = `'${process.execPath}' --import tsx '${script}'`;
  const command = wrap === undefined ? node : wrap.replace('NODE', node);
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', fail);
    child.once('exit', () => {
      clearTimeout(timer);
      done(out.trim());
    });
  });
}

describe('without a usable Secret Service, storing a key is refused with a remedy', () => {
  it('no Secret Service at all (no session bus)', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/vigil-bus' };
    const out = await setInChild(env);
    expect(out).toMatch(/^SecretStoreUnavailableError no-keychain: No Secret Service is running/);
    expect(out).toContain('apt install gnome-keyring libsecret-1-0');
  });

  it('a locked keyring (a Secret Service nobody unlocked)', async () => {
    const env = { ...process.env };
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    const out = await setInChild(
      env,
      'dbus-run-session -- sh -c "gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; NODE" 2>/dev/null',
    );
    expect(out).toMatch(/^SecretStoreUnavailableError locked: .* is locked/);
    expect(out).toContain('Unlock it');
  });

  it('names a keychain library that cannot load', async () => {
    const store = new KeytarSecretStore({
      load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
    });
    const error = await store.set('a', 'b').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreUnavailableError);
    expect((error as Error).message).toMatch(
      /^The keychain library could not be loaded \(libsecret-1\.so\.0: cannot open shared object file\)\. .*install and start a Secret Service/,
    );
  });
});
