import { MalformedRequestError, type ErrorDetail } from '../core/errors.ts';

/** Which log format a value broke: stable, for callers that branch (never on the message). */
export type LogFormatReason = 'NOTE' | 'KEY_NAME' | 'VERIFIER_KEY' | 'CHECKPOINT' | 'LOG_ENTRY';

/**
 * A signed note, verifier key, checkpoint or log entry that is not in its exact format. Code `MALFORMED_REQUEST`:
 * when such a value arrives in a request it is a 400; an auditor reports it as a fault of the log.
 */
export class LogFormatError extends MalformedRequestError {
  readonly reason: LogFormatReason;
  constructor(reason: LogFormatReason, message: string, options: { details?: ErrorDetail[]; cause?: unknown } = {}) {
    super(message, options);
    this.reason = reason;
  }
}
