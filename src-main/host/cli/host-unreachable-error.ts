/** Nobody answered at the address in host.json. */
export class HostUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostUnreachableError';
  }
}
