/** Moved to core/status-bitstring.ts (the verifier reads bits too); kept only until server.ts imports from core/. */
export { MIN_STATUS_LIST_LENGTH, encodeBitstring } from '../core/status-bitstring.ts';
