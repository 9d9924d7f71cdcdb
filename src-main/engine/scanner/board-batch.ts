import { rowKeys, unpackRows } from './packed-rows';
import type { CandlePacker } from './packed-candles';
import type { BoardBatch, PackedBoardBatch } from './scanner-protocol';

/**
 * A scanned batch as the engine reads it, from the session's packed answer: the rows named
 * through the packer that numbered their series, each row's board key, and the board's JSON the
 * session wrote. The same for the scanner on its worker and on the calling thread.
 */
export function unpackBoardBatch(batch: PackedBoardBatch, packer: CandlePacker): BoardBatch {
  const { rows, ...rest } = batch;
  return {
    ...rest,
    rows: unpackRows(rows, (id) => packer.identity(id)),
    keys: rowKeys(rows, (id) => packer.key(id)),
    boardJson: rows.boardJson,
  };
}
