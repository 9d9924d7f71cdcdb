import { BoardRows } from './board-rows';
import type { CandlePacker } from './packed-candles';
import type { BoardBatch, PackedBoardBatch } from './scanner-protocol';

/**
 * A scanned batch as the engine reads it, from the session's packed answer: the rows read
 * through the packer that numbered their series (no row object until one is read). The same
 * for the scanner on its worker and on the calling thread.
 */
export function unpackBoardBatch(batch: PackedBoardBatch, packer: CandlePacker): BoardBatch {
  return {
    published: batch.published,
    board: new BoardRows(batch.rows, packer),
    computeMs: batch.computeMs,
  };
}
