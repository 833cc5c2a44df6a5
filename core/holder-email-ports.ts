/** Storage port for the email addresses holders prove (storage/holder-email-repository.ts). */
export interface HolderEmailRecord {
  id: string;
  holderId: string;
  /** Normalised (core/normalize-email.ts). */
  email: string;
  /** SHA-256 of the pending one-time code; null once proven. */
  codeHash: string | null;
  codeExpiresAt: Date | null;
  /** Codes compared against the pending code (counted before each comparison, so concurrent tries cannot exceed it). */
  failedAttempts: number;
  provenAt: Date | null;
  createdAt: Date;
}

export interface HolderEmailRepository {
  /**
   * Starts (or restarts) a proof of `email` for the holder: a new code hash and expiry, and the attempt count given
   * (the caller decides whether a restart resets it). Returns the row.
   */
  startProof(row: Pick<HolderEmailRecord, 'id' | 'holderId' | 'email' | 'codeHash' | 'codeExpiresAt' | 'createdAt' | 'failedAttempts'>): Promise<HolderEmailRecord>;
  get(holderId: string, id: string): Promise<HolderEmailRecord | null>;
  getByEmail(holderId: string, email: string): Promise<HolderEmailRecord | null>;
  /** Counts one attempt if fewer than `max` were made (one conditional UPDATE); false when none is left. */
  takeAttempt(id: string, max: number): Promise<boolean>;
  /** Marks the address proven and forgets the code. ConflictError when another holder proved it first. */
  markProven(id: string, at: Date): Promise<HolderEmailRecord>;
  listByHolder(holderId: string): Promise<HolderEmailRecord[]>;
  /** False when the holder has no such address. */
  delete(holderId: string, id: string): Promise<boolean>;
}
