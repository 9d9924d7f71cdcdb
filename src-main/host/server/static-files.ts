import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** A request path that cannot be decoded (a stray or truncated %-escape): the client's error. */
export class MalformedPathError extends Error {
  constructor(urlPath: string) {
    super(`malformed percent-encoding in ${JSON.stringify(urlPath.slice(0, 200))}`);
    this.name = 'MalformedPathError';
  }
}

function decodePath(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath);
  } catch (error) {
    if (error instanceof URIError) throw new MalformedPathError(urlPath);
    throw error;
  }
}

/**
 * Reads a file of the built renderer. Paths are normalized and must stay inside the root, so
 * `..` tricks cannot read anything else on the machine. Throws MalformedPathError for a path
 * that does not decode.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const relative = urlPath === '/' ? 'index.html' : decodePath(urlPath).replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (!full.startsWith(normalize(root) + sep)) return null;
  const type = CONTENT_TYPES[extname(full)];
  if (type === undefined) return null;
  try {
    return { body: await readFile(full), contentType: type };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    throw error;
  }
}
