/**
 * Resolves once `holds()` is true: checked at once and again after every event `subscribe`
 * delivers. A wait on the thing that must happen, told by the code that makes it happen: no
 * poll interval and no deadline of its own (the test's timeout is the only bound).
 */
export async function until(
  subscribe: (listener: () => void) => () => void,
  holds: () => boolean,
): Promise<void> {
  if (holds()) return;
  let off = (): void => {};
  await new Promise<void>((resolve) => {
    off = subscribe(() => {
      if (holds()) resolve();
    });
  });
  off();
}
