/** A database file Vigil refuses to use. The file is left exactly as it was found. */
export class StoreOpenError extends Error {
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`Cannot open Vigil database ${path}: ${reason}. The file was not modified.`);
    this.name = 'StoreOpenError';
    this.path = path;
  }
}

/** The data folder cannot be created or used; the message says why and where. */
export class DataFolderError extends Error {
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`Cannot use the data folder ${path}: ${reason}.`);
    this.name = 'DataFolderError';
    this.path = path;
  }
}
