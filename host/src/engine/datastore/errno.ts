/** Syscall error numbers (SpacetimeDB's `spacetimedb_primitives::errno`). */
export const Errno = {
  HOST_CALL_FAILURE: 1,
  NOT_IN_TRANSACTION: 2,
  BSATN_DECODE_ERROR: 3,
  NO_SUCH_TABLE: 4,
  NO_SUCH_INDEX: 5,
  NO_SUCH_ITER: 6,
  NO_SUCH_CONSOLE_TIMER: 7,
  UNIQUE_ALREADY_EXISTS: 12,
  INDEX_NOT_UNIQUE: 14,
  NO_SUCH_ROW: 15,
  AUTO_INC_OVERFLOW: 16,
  TRANSACTION_NOT_ANONYMOUS: 18,
  TRANSACTION_IS_READ_ONLY: 19,
  HTTP_ERROR: 21,
} as const;

/** A datastore refusal the syscall layer turns into the module's error class for `code`. */
export class DatastoreError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
