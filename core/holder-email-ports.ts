/** Storage port for the email addresses holders prove (storage/holder-email-repository.ts). */
export interface HolderEmailRecord {
  id: string;
  holderId: string;
  /** Normalised (core/normalize-email.ts). */
  email: string;
  /** SHA-256 of the pending one-time code; null once proven. */
  codeHash: string | null;
  codeExpiresAt: Date | null;
  failedAttempts: number;
  provenAt: Date | null;
  createdAt: Date;
}

export interface HolderEmailRepository {
  /**
   * Starts (or restarts) a proof of `email` for the holder: a new code hash and expiry, failed attempts reset. An
   * address this holder proved already keeps its provenAt. Returns the row.
   */
  startProof(row: Pick<HolderEmailRecord, 'id' | 'holderId' | 'email' | 'codeHash' | 'codeExpiresAt' | 'createdAt'>): Promise<HolderEmailRecord>;
  get(holderId: string, id: string): Promise<HolderEmailRecord | null>;
  getByEmail(holderId: string, email: string): Promise<HolderEmailRecord | null>;
  /** Counts a wrong code; returns the new count. */
  recordFailure(id: string): Promise<number>;
  /** Marks the address proven and forgets the code. ConflictError when another holder proved it first. */
  markProven(id: string, at: Date): Promise<HolderEmailRecord>;
  listByHolder(holderId: string): Promise<HolderEmailRecord[]>;
  /** False when the holder has no such address. */
  delete(holderId: string, id: string): Promise<boolean>;
}
