/**
 * The library entry point an external job board imports: `proofline/verifier` (package.json "exports", resolved by
 * Node's package self-reference; tsx loads the .ts file).
 */
import { expect } from 'chai';
import { verifyCredential, verifyPresentation } from 'proofline/verifier';
import * as local from './index.ts';

describe("import { verifyCredential } from 'proofline/verifier'", () => {
  it('resolves to verifier/index.ts', async () => {
    expect(verifyCredential).to.equal(local.verifyCredential);
    expect(verifyPresentation).to.equal(local.verifyPresentation);
    const result = await verifyCredential('not a credential');
    expect(result.verified).to.equal(false);
    expect(result.problemDetails.map((p) => p.code)).to.deep.equal(['PARSING_ERROR']);
  });
});
