import { expect } from 'chai';
import { statusEntriesOf } from './stored-evidence.ts';

describe('statusEntriesOf', () => {
  it('names Bitstring Status List and StatusList2021 entries (what the status-change hook matches), nothing else', () => {
    const credential = {
      credentialStatus: [
        { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: 'https://a.example/status/1' },
        { type: 'StatusList2021Entry', statusPurpose: 'suspension', statusListIndex: '8', statusListCredential: 'https://a.example/status/2' },
        { type: 'SomethingElse', statusPurpose: 'revocation', statusListIndex: '9', statusListCredential: 'https://a.example/status/3' },
        { type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: '-1', statusListCredential: 'https://a.example/status/2' },
      ],
    };
    expect(statusEntriesOf(credential)).to.deep.equal([
      { url: 'https://a.example/status/1', index: 7, purpose: 'revocation' },
      { url: 'https://a.example/status/2', index: 8, purpose: 'suspension' },
    ]);
    expect(statusEntriesOf({})).to.deep.equal([]);
    expect(statusEntriesOf(null)).to.deep.equal([]);
  });
});
