import { join } from 'node:path';

export interface AppLocation {
  readonly isPackaged: boolean;
  /** Electron's process.resourcesPath (the packaged app's resources folder). */
  readonly resourcesPath: string;
  /** app.getAppPath(): the project folder in development, the asar in a package. */
  readonly appPath: string;
}

/**
 * A folder of resources/ (data, icons): in a package electron-builder puts them beside the
 * asar (extraResources), in development they are in the project's resources/ folder.
 */
export function resourceDir(where: AppLocation, name: 'data' | 'icons'): string {
  return where.isPackaged
    ? join(where.resourcesPath, name)
    : join(where.appPath, 'resources', name);
}
