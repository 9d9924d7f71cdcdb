import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  fsyncSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { syncFolder } from '../private-file';
import { z } from 'zod';

/** What the latch file says: HALTED (with the kill that latched it) or armed. */
export interface LatchRecord {
  readonly halted: boolean;
  readonly at: number;
  readonly actor: string;
  readonly reason: string;
  /** The kill that latched HALTED, so a restart can finish its cancelling; null when armed. */
  readonly killId: string | null;
  readonly flatten: boolean;
}

export type LatchRead =
  | { readonly kind: 'empty' }
  | { readonly kind: 'record'; readonly record: LatchRecord }
  | { readonly kind: 'damaged'; readonly why: string };

/** The durable half of the kill latch: survives a restart, and a full disk. */
export interface DurableLatch {
  readonly path: string;
  read(): LatchRead;
  /** Overwrites the latch in place and syncs it to the disk; throws when the disk refuses. */
  write(record: LatchRecord): void;
  close(): void;
}

/** Two slots of one disk page each: a torn write can only damage the slot being written. */
const SLOT_BYTES = 4096;
const SLOTS = 2;
export const LATCH_FILE_BYTES = SLOT_BYTES * SLOTS;
/** The latch keeps the start of a long reason; the database keeps all of it. */
const MAX_REASON_CHARS = 1000;

const RecordSchema = z
  .object({
    halted: z.boolean(),
    at: z.number().int(),
    actor: z.string(),
    reason: z.string(),
    killId: z.string().nullable(),
    flatten: z.boolean(),
  })
  .strict();

const SlotSchema = z
  .object({
    v: z.literal(1),
    gen: z.number().int().positive(),
    sum: z.string(),
    record: z.unknown(),
  })
  .strict();

const checksum = (gen: number, record: LatchRecord): string =>
  createHash('sha256')
    .update(`${gen}:${JSON.stringify(record)}`)
    .digest('hex');

/** A slot: one JSON line, padded with spaces to the slot size. */
function encodeSlot(gen: number, record: LatchRecord): Buffer {
  let kept = record;
  for (;;) {
    const text = JSON.stringify({ v: 1, gen, sum: checksum(gen, kept), record: kept });
    const bytes = Buffer.byteLength(text);
    if (bytes < SLOT_BYTES) {
      const slot = Buffer.alloc(SLOT_BYTES, ' ');
      slot.write(text, 0, 'utf8');
      slot[SLOT_BYTES - 1] = 0x0a;
      return slot;
    }
    // Only a pathological reason (thousands of escaped characters) gets here.
    kept = { ...kept, reason: `${kept.reason.slice(0, Math.floor(kept.reason.length / 2))}…` };
  }
}

type Slot = { gen: number; record: LatchRecord } | 'blank' | 'damaged';

function decodeSlot(bytes: Buffer): Slot {
  const text = bytes.toString('utf8').trim();
  if (text === '') return 'blank';
  try {
    const slot = SlotSchema.parse(JSON.parse(text));
    const record = RecordSchema.parse(slot.record);
    return checksum(slot.gen, record) === slot.sum ? { gen: slot.gen, record } : 'damaged';
  } catch {
    return 'damaged';
  }
}

/**
 * The kill latch file beside the database. Created (and filled, so its blocks exist) once;
 * afterwards every latch overwrites one of its two slots in place and syncs it. Overwriting
 * blocks a file already owns needs no free space on ext4, xfs, tmpfs and the other in-place
 * file systems, so HALTED reaches the disk when the database cannot take another byte.
 * (Copy-on-write file systems such as btrfs and ZFS need fresh blocks even for an overwrite;
 * there a full disk can still refuse the latch, and the kill reply says so.)
 */
export class KillLatchFile implements DurableLatch {
  private gen: number;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly found: LatchRead,
    gen: number,
  ) {
    this.gen = gen;
  }

  /** Opens the latch at `path`, creating and pre-allocating it if missing (0600). */
  static open(path: string): KillLatchFile {
    if (!existsSync(path)) return KillLatchFile.create(path);
    if (process.platform !== 'win32') chmodSync(path, 0o600);
    const fd = openSync(path, 'r+');
    try {
      const size = fstatSync(fd).size;
      if (size !== LATCH_FILE_BYTES) {
        // Not ours as written: say so, and give it back its full size for the next latch.
        const found: LatchRead = {
          kind: 'damaged',
          why: `${path} is ${size} bytes, expected ${LATCH_FILE_BYTES}`,
        };
        ftruncateSync(fd, LATCH_FILE_BYTES);
        writeBlank(fd);
        return new KillLatchFile(path, fd, found, 0);
      }
      const slots: Slot[] = [];
      for (let i = 0; i < SLOTS; i += 1) {
        const bytes = Buffer.alloc(SLOT_BYTES);
        readSync(fd, bytes, 0, SLOT_BYTES, i * SLOT_BYTES);
        slots.push(decodeSlot(bytes));
      }
      const valid = slots.filter(
        (s): s is { gen: number; record: LatchRecord } => typeof s === 'object',
      );
      const newest = valid.sort((a, b) => b.gen - a.gen)[0];
      if (newest !== undefined)
        return new KillLatchFile(path, fd, { kind: 'record', record: newest.record }, newest.gen);
      const found: LatchRead = slots.every((s) => s === 'blank')
        ? { kind: 'empty' }
        : { kind: 'damaged', why: `${path}: neither slot holds a valid latch record` };
      return new KillLatchFile(path, fd, found, 0);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  private static create(path: string): KillLatchFile {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeBlank(fd);
      syncFolder(dirname(path));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new KillLatchFile(path, fd, { kind: 'empty' }, 0);
  }

  /** What the file held when it was opened. */
  read(): LatchRead {
    return this.found;
  }

  write(record: LatchRecord): void {
    const gen = this.gen + 1;
    const reason =
      record.reason.length > MAX_REASON_CHARS
        ? `${record.reason.slice(0, MAX_REASON_CHARS)}…`
        : record.reason;
    const slot = encodeSlot(gen, { ...record, reason });
    // The slot the newest record is not in: a torn write leaves the newest one readable.
    const written = writeSync(this.fd, slot, 0, SLOT_BYTES, (gen % SLOTS) * SLOT_BYTES);
    if (written !== SLOT_BYTES)
      throw new Error(`${this.path}: short write (${written} of ${SLOT_BYTES} bytes)`);
    fdatasyncSync(this.fd);
    this.gen = gen;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Real bytes, not a hole: the blocks must exist now, while there is room for them. */
function writeBlank(fd: number): void {
  const blank = Buffer.alloc(LATCH_FILE_BYTES, ' ');
  for (let i = 1; i <= SLOTS; i += 1) blank[i * SLOT_BYTES - 1] = 0x0a;
  let offset = 0;
  while (offset < blank.length)
    offset += writeSync(fd, blank, offset, blank.length - offset, offset);
  fsyncSync(fd);
}
