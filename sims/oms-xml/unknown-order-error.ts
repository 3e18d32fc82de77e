/** Thrown by `emitStatus` for a reference that matches no order. */
export class UnknownOrderError extends Error {
  constructor(readonly ref: string) {
    super(`no order with OMS number or hub order id "${ref}"`);
    this.name = 'UnknownOrderError';
  }
}
