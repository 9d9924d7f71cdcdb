import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { resourceDir } from '../../../src-main/app/resource-paths';
import {
  trayIconName,
  trayMenuTemplate,
  trayTooltip,
  type TrayActions,
} from '../../../src-main/app/tray-menu';
import type { ControlState } from '../../../src-shared/contract/risk';
import { ControlModeSchema } from '../../../src-shared/domain/modes';

const state = (mode: ControlState['mode'], reason = 'initial'): ControlState => ({
  mode,
  reason,
  actor: 'system',
  at: 0,
});

function actions(): {
  [K in keyof TrayActions]: ReturnType<typeof vi.fn<TrayActions[K]>>;
} {
  return {
    kill: vi.fn<TrayActions['kill']>(),
    setMode: vi.fn<TrayActions['setMode']>(),
    showWindow: vi.fn<TrayActions['showWindow']>(),
    setCloseToTray: vi.fn<TrayActions['setCloseToTray']>(),
    quit: vi.fn<TrayActions['quit']>(),
  };
}

const click = (item: MenuItemConstructorOptions | undefined, checked = false): void =>
  item?.click?.({ checked } as never, undefined, {} as never);
const byLabel = (
  items: MenuItemConstructorOptions[],
  label: string,
): MenuItemConstructorOptions | undefined => items.find((i) => i.label === label);

describe('tray', () => {
  it('shows the mode first and the two KILL items right under it, always enabled', () => {
    for (const mode of ControlModeSchema.options) {
      const items = trayMenuTemplate(state(mode, 'why'), true, actions());
      expect(items[0]).toMatchObject({ label: `Mode: ${mode}`, enabled: false });
      expect(items[1]).toMatchObject({ label: 'why', enabled: false });
      expect(items[3]).toMatchObject({ label: 'KILL: cancel all orders' });
      expect(items[4]).toMatchObject({ label: 'KILL and flatten all positions' });
      expect(items[3]?.enabled).toBeUndefined();
      expect(items.some((i) => /rearm/i.test(i.label ?? ''))).toBe(false);
    }
  });

  it('wires the items to the engine actions', () => {
    const a = actions();
    const items = trayMenuTemplate(state('RUNNING'), true, a);
    click(byLabel(items, 'KILL: cancel all orders'));
    click(byLabel(items, 'KILL and flatten all positions'));
    click(byLabel(items, 'Pause new entries'));
    click(byLabel(items, 'Keep running in the tray when the window closes'), false);
    click(byLabel(items, 'Quit Vigil…'));
    expect(a.kill.mock.calls).toEqual([[false], [true]]);
    expect(a.setMode).toHaveBeenCalledWith('PAUSED');
    expect(a.setCloseToTray).toHaveBeenCalledWith(false);
    expect(a.quit).toHaveBeenCalledOnce();
    expect(byLabel(items, 'Keep running in the tray when the window closes')).toMatchObject({
      type: 'checkbox',
      checked: true,
    });
  });

  it('disables the softer modes while HALTED, and has an icon for every mode', () => {
    const items = trayMenuTemplate(state('HALTED'), false, actions());
    expect(byLabel(items, 'Pause new entries')?.enabled).toBe(false);
    expect(byLabel(items, 'Reduce only')?.enabled).toBe(false);
    for (const mode of ControlModeSchema.options) {
      expect(existsSync(join('resources/icons', trayIconName(mode))), mode).toBe(true);
    }
    expect(trayTooltip(state('RESUMING', 'woke after 3 h'))).toBe(
      'Vigil — RESUMING: woke after 3 h',
    );
  });

  it('finds the bundled data and icons in a package and in the project', () => {
    const packaged = {
      isPackaged: true,
      resourcesPath: '/opt/Vigil/resources',
      appPath: '/opt/Vigil/resources/app.asar',
    };
    expect(resourceDir(packaged, 'data')).toBe('/opt/Vigil/resources/data');
    expect(resourceDir({ ...packaged, isPackaged: false, appPath: '/src/vigil' }, 'icons')).toBe(
      '/src/vigil/resources/icons',
    );
  });
});
