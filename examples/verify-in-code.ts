/**
 * Verifying credentials in your own code, as a job board or an employer would: `proofline/verifier`, the same checks
 * as POST /credentials/verify, offline from any issuer's database.
 *
 *   npx tsx examples/verify-in-code.ts credential.json [trusted issuer DID ...]
 *
 * The file holds a credential (JSON object, or a vc+jwt), or `{ "verifiableCredential": ... }` as POST /awards
 * answers. Other issuers' did:web documents and status lists are fetched through the guarded client only (https,
 * public addresses, size and time caps, cached); JSON-LD contexts are never fetched. Prints the result as JSON; exits 0
 * only when the credential verified.
 */
import { readFileSync } from 'node:fs';
import { createDidWebResolver, createGuardedFetch, createRemoteStatusListFetcher, verifyCredential } from 'proofline/verifier';

const [file = '-', ...trustedIssuers] = process.argv.slice(2);
const text = readFileSync(file === '-' ? 0 : file, 'utf8').trim();
const parsed: unknown = text.startsWith('{') ? JSON.parse(text) : text;
const credential = typeof parsed === 'object' && parsed !== null && 'verifiableCredential' in parsed ? (parsed as { verifiableCredential: object | string }).verifiableCredential : (parsed as object | string);

const guard = createGuardedFetch();
const result = await verifyCredential(credential, {
  resolveDid: createDidWebResolver(guard),
  fetchStatusList: createRemoteStatusListFetcher(guard),
  // Your registry of issuers you trust (and, optionally, for which skills): here, the DIDs given on the command line.
  trustedIssuers: async (did) => ({ trusted: trustedIssuers.includes(did) }),
});
const { verified, trusted, issuer, checks, status, problemDetails, warnings, skills } = result;
console.log(JSON.stringify({ verified, trusted, issuer, checks, status, problems: problemDetails.map((p) => p.code), warnings: warnings.map((w) => w.code), skills }, null, 2));
process.exitCode = verified ? 0 : 1;
