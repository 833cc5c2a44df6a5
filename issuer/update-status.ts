/**
 * POST /credentials/status (VCALM updateCredentialStatus): revoke, suspend, unsuspend. The bit flips in the same
 * transaction as the credential row (and the log entry), and the served list reflects it at the next GET.
 */
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { CredentialRecord, StatusPurpose, Store } from '../core/ports.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { activeKey, controllerOf } from './signing-keys.ts';

export type StatusChange = 'revocation' | 'suspension' | 'unsuspension';

export interface StatusUpdate {
  credentialId: string;
  purpose: StatusPurpose;
  /** true sets the bit (revoke / suspend), false clears it (unsuspend). */
  value: boolean;
}

export interface StatusEvent {
  record: CredentialRecord;
  change: StatusChange;
  issuerDid: string;
  /** The key that signs the affected status list. */
  keyId: string;
  statusList: string;
  statusIndex: number;
}

/** Hook run inside the status transaction (the transparency log appends its entry here). */
export type OnStatusChanged = (tx: Store, event: StatusEvent) => Promise<void>;

export interface StatusUpdateResult {
  credentialId: string;
  statusPurpose: StatusPurpose;
  status: boolean;
  changed: boolean;
  statusListCredential: string;
  statusListIndex: string;
}

export async function updateCredentialStatus(
  deps: Pick<IssuerDeps, 'store' | 'clock' | 'publicUrl' | 'afterStatusChanged'> & { onStatusChanged?: OnStatusChanged },
  update: StatusUpdate,
  options: { issuerIds?: string[] } = {},
): Promise<StatusUpdateResult> {
  const result = await deps.store.transaction(async (tx) => {
    const record = await tx.credentials.getById(update.credentialId);
    if (!record || (options.issuerIds && !options.issuerIds.includes(record.issuerId))) {
      throw new NotFoundError(`No credential "${update.credentialId}" was issued here.`);
    }
    if (update.purpose === 'revocation' && !update.value) {
      throw new ConflictError('Revocation is permanent (Bitstring Status List §2.1); suspend instead to reinstate later.');
    }
    const at = update.purpose === 'revocation' ? record.revocation : record.suspension;
    const changed = await tx.statusLists.setBit(at.listId, at.index, update.value);
    if (changed) {
      await tx.credentials.updateStatus(
        record.id,
        update.purpose === 'revocation' ? { revokedAt: deps.clock() } : { suspended: update.value },
      );
      const change: StatusChange = update.purpose === 'revocation' ? 'revocation' : update.value ? 'suspension' : 'unsuspension';
      if (deps.onStatusChanged) {
        const issuer = await tx.issuers.getById(record.issuerId);
        if (!issuer) throw new NotFoundError(`No issuer for credential "${record.id}".`);
        const key = await activeKey(tx, issuer, 'status', 'Ed25519');
        await deps.onStatusChanged(tx, {
          record,
          change,
          issuerDid: controllerOf(key.id),
          keyId: key.id,
          statusList: at.listId,
          statusIndex: at.index,
        });
      }
    }
    return {
      credentialId: record.id,
      statusPurpose: update.purpose,
      status: update.value,
      changed,
      statusListCredential: `${deps.publicUrl}/status-lists/${at.listId}`,
      statusListIndex: String(at.index),
    };
  });
  // After the commit, so whoever re-reads the status list sees the new bit; a failing hook cannot undo the change.
  if (result.changed && deps.afterStatusChanged) {
    const change: StatusChange = update.purpose === 'revocation' ? 'revocation' : update.value ? 'suspension' : 'unsuspension';
    await deps
      .afterStatusChanged({ credentialId: result.credentialId, change, statusListCredential: result.statusListCredential, statusListIndex: Number(result.statusListIndex) })
      .catch(() => undefined);
  }
  return result;
}
