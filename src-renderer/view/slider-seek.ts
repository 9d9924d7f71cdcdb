/**
 * Where the replay slider was moved to, until the engine has answered every seek sent from it.
 *
 * A burst of arrow keys moves the slider faster than the engine answers. Each press must move on
 * from the last press, not from the engine's older position, and a press must never be lost:
 * an answer that arrives between a key's change event and its release must not drop the move
 * that is not sent yet (the flake CI saw: five presses, four seeks).
 */
export class SliderSeek {
  private target: number | null = null;
  private unsent = false;
  private inFlight = 0;

  /** The position the slider shows instead of the engine's, or null to show the engine's. */
  shown(): number | null {
    return this.target;
  }

  /** The slider was moved (a drag step or a key press), not yet released. */
  moved(to: number): void {
    this.target = to;
    this.unsent = true;
  }

  /** The key or pointer was released: the position to seek to, or null when nothing moved. */
  released(): number | null {
    if (!this.unsent || this.target === null) return null;
    this.unsent = false;
    this.inFlight += 1;
    return this.target;
  }

  /**
   * One seek was answered (or refused). True when the slider goes back to the engine's position:
   * every seek is answered and no move waits to be sent.
   */
  answered(): boolean {
    this.inFlight -= 1;
    if (this.inFlight > 0 || this.unsent) return false;
    this.target = null;
    return true;
  }
}
