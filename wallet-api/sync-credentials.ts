import { emailRecipientKey } from '../crypto/email-recipient-key.ts';
import { importCredential } from './import-credential.ts';
import type { WalletCredentialSummary } from './wallet-credential-view.ts';
import type { WalletDeps } from './wallet-deps.ts';

/**
 * Pulls the Academy's awards addressed to any of the holder's DIDs (current and retired) or to an email address the
 * holder proved (prove-email.ts) into the wallet, as issued (the exact secured bytes), each verified like an import.
 * Already kept ones are skipped; safe to call any time.
 */
export async function syncCredentials(deps: WalletDeps, holderId: string): Promise<{ added: WalletCredentialSummary[] }> {
  const keys = await deps.store.holderKeys.listByHolder(holderId);
  const emails = (await deps.store.holderEmails.listByHolder(holderId)).filter((e) => e.provenAt !== null);
  const recipients = new Set([...keys.map((k) => k.did), ...emails.map((e) => emailRecipientKey(e.email))]);
  const added: WalletCredentialSummary[] = [];
  for (const recipient of recipients) {
    for (const issued of await deps.store.credentials.listByRecipient(recipient)) {
      const { created, credential } = await importCredential(deps, holderId, issued.secured, 'academy');
      if (created) {
        const { verifiableCredential: _credential, verification: _verification, ...summary } = credential;
        added.push(summary);
      }
    }
  }
  return { added };
}
