/**
 * Shapes an award as an Open Badges 3.0 `OpenBadgeCredential` on the VC Data Model 2.0 (pure: no signing, no I/O).
 * The status entries are added later by the issuance pipeline, which allocates them in the same transaction.
 */
import { CREDENTIALS_V2_CONTEXT, OB_V3P0_CONTEXT, isJsonObject, type JsonObject } from '../core/open-badges.ts';
import { toDateTimeString } from '../core/clock.ts';
import { ValidationError } from '../core/errors.ts';

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
  /** A score for the achievement's Percent result, and/or a level id of its rubric (e.g. `proficient`). */
  result: { score?: number; rubricLevel?: string };
  evidence?: AwardEvidence;
  validFrom: Date;
  validUntil: Date | null;
  schemaUrl: string;
}

export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): JsonObject {
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
  const result = buildResults(input.achievement, input.result);
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

/**
 * OB 3.0 Results (§B.1.17) against the achievement's ResultDescriptions. An award records what was demonstrated, so a
 * score below the pass mark, or a rubric level below the required one, is refused.
 */
export function buildResults(achievement: JsonObject, input: { score?: number; rubricLevel?: string }): JsonObject[] {
  const descriptions = (Array.isArray(achievement.resultDescription) ? achievement.resultDescription : []).filter(isJsonObject);
  const results: JsonObject[] = [];
  if (input.score !== undefined) {
    const rd = descriptions.find((d) => d.resultType === 'Percent' || d.resultType === 'ScaledScore' || d.resultType === 'PointScore');
    if (!rd) throw new ValidationError('This achievement has no scored result.', [{ pointer: '/result/score', detail: 'not accepted by this achievement' }]);
    const required = Number(rd.requiredValue);
    if (Number.isFinite(required) && input.score < required) {
      throw new ValidationError(`A score of ${input.score} is below the pass mark (${required}).`, [
        { pointer: '/result/score', detail: `must be at least ${required}` },
      ]);
    }
    results.push({ type: ['Result'], resultDescription: rd.id, value: String(input.score), status: 'Completed' });
  }
  if (input.rubricLevel !== undefined) {
    const rd = descriptions.find((d) => d.resultType === 'RubricCriterionLevel');
    const levels = (Array.isArray(rd?.rubricCriterionLevel) ? rd.rubricCriterionLevel : []).filter(isJsonObject);
    const index = levels.findIndex((l) => String(l.id).endsWith(`-${input.rubricLevel}`));
    if (!rd || index === -1) {
      throw new ValidationError(`"${input.rubricLevel}" is not a level of this achievement's rubric.`, [
        { pointer: '/result/rubricLevel', detail: `must be one of ${levels.map((l) => String(l.id).split('-').pop()).join(', ') || '(none)'}` },
      ]);
    }
    const requiredIndex = levels.findIndex((l) => l.id === rd.requiredLevel);
    if (requiredIndex > index) {
      throw new ValidationError(`"${input.rubricLevel}" is below the required rubric level.`, [
        { pointer: '/result/rubricLevel', detail: 'is below the required level' },
      ]);
    }
    results.push({ type: ['Result'], resultDescription: rd.id, achievedLevel: levels[index]!.id });
  }
  if (results.length === 0) {
    throw new ValidationError('An award needs a score or a rubric level.', [{ pointer: '/result', detail: 'must have score or rubricLevel' }]);
  }
  return results;
}
