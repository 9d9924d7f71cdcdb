/**
 * Hands control back to the event loop for a moment. Report building and rendering run on
 * the engine's event loop, which also carries the kill path; long loops pause between slices
 * so a 10,000-trade export never stalls it.
 */
export type Pause = () => Promise<void>;

export const yieldToEventLoop: Pause = () => new Promise((resolve) => setImmediate(resolve));
