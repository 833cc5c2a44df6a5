/**
 * Shapes an award as an Open Badges 3.0 `OpenBadgeCredential` on the VC Data Model 2.0 (pure: no signing, no I/O).
 * The status entries are added later by the issuance pipeline, which allocates them in the same transaction.
 */
import {
  CREDENTIALS_V2_CONTEXT,
  OB_V3P0_CONTEXT,
  type JsonObject,
  type SkillLevel,
} from '../core/open-badges.ts';
import { toDateTimeString } from '../core/clock.ts';
import { LEVEL_RESULT, SCORE_RESULT, levelIdFor } from './build-achievement.ts';

export type Recipient =
  | { did: string }
  | { email: { identityHash: string; salt: string } };

export interface AwardEvidence {
  assessmentId?: string;
  projectUrl?: string;
  narrative?: string;
  artifacts?: { name?: string; url?: string; sha256: string }[];
}

export interface OpenBadgeCredentialInput {
  id: string;
  issuer: { id: string; name: string; url?: string };
  achievement: JsonObject;
  recipient: Recipient;
  result: { score?: number; level: SkillLevel };
  evidence?: AwardEvidence;
  validFrom: Date;
  validUntil: Date | null;
  schemaUrl: string;
}

export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): JsonObject {
  const achievementId = String(input.achievement.id);
  const subject: JsonObject = { type: ['AchievementSubject'] };
  if ('did' in input.recipient) {
    subject.id = input.recipient.did;
  } else {
    subject.identifier = [
      {
        type: 'IdentityObject',
        identityHash: input.recipient.email.identityHash,
        identityType: 'emailAddress',
        hashed: true,
        salt: input.recipient.email.salt,
      },
    ];
  }
  subject.achievement = input.achievement;
  const result: JsonObject[] = [];
  if (input.result.score !== undefined) {
    result.push({ type: ['Result'], resultDescription: `${achievementId}#${SCORE_RESULT}`, value: String(input.result.score) });
  }
  result.push({
    type: ['Result'],
    resultDescription: `${achievementId}#${LEVEL_RESULT}`,
    achievedLevel: levelIdFor(achievementId, input.result.level),
  });
  subject.result = result;

  const credential: JsonObject = {
    '@context': [CREDENTIALS_V2_CONTEXT, OB_V3P0_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: String(input.achievement.name),
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name, ...(input.issuer.url ? { url: input.issuer.url } : {}) },
    validFrom: toDateTimeString(input.validFrom),
    ...(input.validUntil ? { validUntil: toDateTimeString(input.validUntil) } : {}),
    credentialSubject: subject,
  };
  const evidence = buildEvidence(input.evidence);
  if (evidence.length > 0) credential.evidence = evidence;
  credential.credentialSchema = [{ id: input.schemaUrl, type: 'JsonSchema' }];
  return credential;
}

function buildEvidence(evidence: AwardEvidence | undefined): JsonObject[] {
  if (!evidence) return [];
  const out: JsonObject[] = [];
  if (evidence.assessmentId) {
    out.push({
      id: `urn:proofline:assessment:${encodeURIComponent(evidence.assessmentId)}`,
      type: ['Evidence'],
      name: 'Assessment',
      genre: 'Assessment',
      ...(evidence.narrative ? { narrative: evidence.narrative } : {}),
    });
  }
  if (evidence.projectUrl) {
    out.push({ id: evidence.projectUrl, type: ['Evidence'], name: 'Project', genre: 'Project' });
  }
  for (const artifact of evidence.artifacts ?? []) {
    out.push({
      ...(artifact.url ? { id: artifact.url } : {}),
      type: ['Evidence'],
      name: artifact.name ?? 'Artifact',
      genre: 'Artifact',
      digestSRI: `sha256-${Buffer.from(artifact.sha256, 'hex').toString('base64')}`,
    });
  }
  return out;
}
