import fc from 'fast-check';

/**
 * Property tests run on a fixed seed so `npm test` is deterministic: the same cases every run.
 * Set FC_SEED to explore other cases locally; a failure prints the seed and path to replay it.
 */
const seed = process.env['FC_SEED'] === undefined ? 20_261_121 : Number(process.env['FC_SEED']);
if (!Number.isInteger(seed))
  throw new Error(`FC_SEED must be an integer, got ${process.env['FC_SEED']}`);
fc.configureGlobal({ seed });
