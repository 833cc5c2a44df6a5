/** Strangers' status lists cannot pin memory: the decoded-list cache keeps only lists up to 512 KiB decoded. */
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { checkStatus, keptDecodedStatusListBytes } from './check-status.ts';

const verifyStatusList = async () => ({ verified: true, problemDetails: [] });

function listOf(bytes: number, marker: number): object {
  const raw = Buffer.alloc(bytes);
  raw.writeUInt32BE(marker, 100); // distinct lists
  const encodedList = 'u' + gzipSync(raw, { level: 9 }).toString('base64url');
  return { type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: 'did:key:z6Mkx', credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList } };
}

const credential = (i: number) => ({
  issuer: 'did:key:z6Mkx',
  credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `https://lists.example/l/${i}`, statusListIndex: '5' },
});

describe('checkStatus decoded-list cache', () => {
  it('keeps small lists and never large ones: 64 lists of 4 MiB decoded leave nothing kept', async function () {
    this.timeout(120_000);
    const before = keptDecodedStatusListBytes();
    for (let i = 0; i < 64; i += 1) {
      const list = listOf(4 * 1024 * 1024, 0x4000 + i);
      const result = await checkStatus(credential(i) as never, { fetchStatusList: async () => list as never, verifyStatusList });
      expect(result.status.revoked).to.equal(false);
    }
    expect(keptDecodedStatusListBytes()).to.be.at.most(before);
    const small = listOf(16 * 1024, 0x9000);
    await checkStatus(credential(1000) as never, { fetchStatusList: async () => small as never, verifyStatusList });
    expect(keptDecodedStatusListBytes()).to.be.at.most(64 * 512 * 1024);
    expect(keptDecodedStatusListBytes()).to.be.greaterThan(0);
  });
});
