import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../private-file';

/**
 * A point of the audit chain recorded outside the database: "row `seq` has hash `hash`".
 * Anyone who can write vigil.db can rewrite the whole chain with fresh hashes; an anchor kept
 * elsewhere (the side file, the head printed in an exported report) shows such a rewrite for
 * every row up to it.
 */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
}

const AnchorFileSchema = z
  .object({
    seq: z.number().int().nonnegative(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.number().int(),
  })
  .strict();

export function auditAnchorPath(dataDir: string): string {
  return join(dataDir, 'audit-anchor.json');
}

/** Records the chain's head beside the database (0600, replaced whole). */
export function writeAuditAnchor(dataDir: string, anchor: AuditAnchor, at: number): void {
  writePrivateFile(
    auditAnchorPath(dataDir),
    `${JSON.stringify({ seq: anchor.seq, hash: anchor.hash, at })}\n`,
  );
}

/** The side file's anchor; null when there is none yet. A damaged file is an error, named. */
export function readAuditAnchor(dataDir: string): (AuditAnchor & { readonly at: number }) | null {
  const path = auditAnchorPath(dataDir);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  try {
    return AnchorFileSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new Error(`${path} is damaged (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
}

/** "1234:<64 hex>" as printed in a report; null when it is not that. */
export function parseAnchorText(text: string): AuditAnchor | null {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  return match === null ? null : { seq: Number(match[1]), hash: match[2] as string };
}

export function anchorText(anchor: AuditAnchor): string {
  return `${anchor.seq}:${anchor.hash}`;
}
