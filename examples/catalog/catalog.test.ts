// Integrity checks for the starter catalog shipped in examples/: the AI-fluency framework, the achievements that
// reference it, the sample awards CSV and the sample job openings. The data is loaded at first start, so a broken
// reference here would surface as a 500 at runtime instead of a failing test.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';

const LEVELS = ['foundation', 'practitioner', 'expert'] as const;
type Level = (typeof LEVELS)[number];

const FRAMEWORK_ID = 'https://proofline.dev/frameworks/ai-fluency/v1';
const SKILL_PREFIX = `${FRAMEWORK_ID}/skills/`;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// ESCO concept URIs are http:// by design (that is the identifier, not a fetch location).
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ESCO_SKILL = new RegExp(`^http://data\\.europa\\.eu/esco/skill/(${UUID})$`);
const ONET_OCCUPATION = /^https:\/\/www\.onetonline\.org\/link\/summary\/(\d{2}-\d{4}\.\d{2})$/;
// OB 3.0 AlignmentTargetType: the listed terms, or an extension term with the `ext:` prefix.
const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency',
  'ceterms:Credential',
  'CFItem',
  'CFRubric',
  'CFRubricCriterion',
  'CFRubricCriterionLevel',
  'CTDL',
];
// OB 3.0 ResultType enumeration (extensible with `ext:`).
const RESULT_TYPES = [
  'GradePointAverage',
  'LetterGrade',
  'Percent',
  'PerformanceLevel',
  'PredictedScore',
  'RawScore',
  'Result',
  'RubricCriterion',
  'RubricCriterionLevel',
  'RubricScore',
  'ScaledScore',
];

interface Alignment {
  type: string[];
  targetType: string;
  targetFramework: string;
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
}
interface Skill {
  id: string;
  slug: string;
  name: string;
  description: string;
  parent: string | null;
  alignments: Alignment[];
}
interface Framework {
  id: string;
  name: string;
  version: string;
  skills: Skill[];
}
interface RubricCriterionLevel {
  id: string;
  type: string[];
  name: string;
  level: string;
  points: string;
  description: string;
}
interface ResultDescription {
  id: string;
  type: string[];
  name: string;
  resultType: string;
  valueMin?: string;
  valueMax?: string;
  requiredValue?: string;
  requiredLevel?: string;
  rubricCriterionLevel?: RubricCriterionLevel[];
}
interface Achievement {
  slug: string;
  humanCode: string;
  name: string;
  description: string;
  area: string;
  level: Level;
  achievementType: string;
  criteria: { narrative: string };
  skills: { skill: string; level: Level }[];
  resultDescriptions: ResultDescription[];
  tags: string[];
}
interface Requirement {
  skill: string;
  minLevel: Level;
  required: boolean;
  weight: number;
  maxAgeMonths?: number;
}
interface Job {
  id: string;
  title: string;
  description: string;
  location: string;
  remote: string;
  organisation: { name: string; kind: string };
  requirements: Requirement[];
}

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as T;
}

const framework = readJson<Framework>('./framework.json');
const achievements = readJson<Achievement[]>('./achievements.json');
const jobs = readJson<Job[]>('../jobs.json');
const awardsCsv = readFileSync(new URL('../awards.csv', import.meta.url), 'utf8');

const skillsBySlug = new Map(framework.skills.map((s) => [s.slug, s]));
const skillIds = new Set(framework.skills.map((s) => s.id));
const areas = framework.skills.filter((s) => s.parent === null);
const achievementsBySlug = new Map(achievements.map((a) => [a.slug, a]));

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function decodeBase58(text: string): Uint8Array {
  let n = 0n;
  for (const ch of text) {
    const digit = BASE58.indexOf(ch);
    if (digit < 0) throw new Error(`not base58: ${ch}`);
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  for (; n > 0n; n /= 256n) bytes.unshift(Number(n % 256n));
  for (const ch of text) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** A did:key for an Ed25519 public key: multibase base58btc of multicodec 0xed01 + 32 key bytes. */
function isEd25519DidKey(did: string): boolean {
  const match = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!match?.[1]) return false;
  const bytes = decodeBase58(match[1]);
  return bytes.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01;
}

function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const [headerLine, ...body] = lines;
  if (headerLine === undefined) throw new Error('empty CSV');
  // The sample file has no quoted fields; a quote would mean this naive split is wrong.
  expect(text, 'awards.csv must not need CSV quoting').not.to.include('"');
  const header = headerLine.split(',');
  const rows = body.map((line, i) => {
    const cells = line.split(',');
    expect(cells, `row ${i + 2} field count`).to.have.length(header.length);
    return Object.fromEntries(header.map((name, j) => [name, cells[j] ?? '']));
  });
  return { header, rows };
}

describe('examples/catalog: AI-fluency framework', () => {
  it('has the framework id, a version and well-formed, unique skill ids', () => {
    expect(framework.id).to.equal(FRAMEWORK_ID);
    expect(framework.version).to.equal('1.0');
    expect(framework.name).to.be.a('string').and.not.be.empty;
    for (const skill of framework.skills) {
      expect(skill.slug, skill.id).to.match(SLUG);
      expect(skill.id).to.equal(SKILL_PREFIX + skill.slug);
      expect(skill.name, skill.slug).to.be.a('string').and.not.be.empty;
      expect(skill.description, skill.slug).to.be.a('string').and.not.be.empty;
    }
    expect(skillIds.size, 'duplicate skill id').to.equal(framework.skills.length);
    expect(skillsBySlug.size, 'duplicate skill slug').to.equal(framework.skills.length);
  });

  it('is a two-level hierarchy: five areas, each with three to six sub-skills', () => {
    expect(areas.map((a) => a.slug)).to.have.members([
      'prompt-engineering',
      'ai-for-business',
      'ai-agents',
      'data-analysis-with-ai',
      'responsible-ai',
    ]);
    for (const skill of framework.skills) {
      if (skill.parent === null) continue;
      const parent = skillsBySlug.get(skill.parent);
      expect(parent, `parent of ${skill.slug}`).to.not.equal(undefined);
      expect(parent?.parent, `${skill.slug} must hang directly under an area`).to.equal(null);
    }
    for (const area of areas) {
      const children = framework.skills.filter((s) => s.parent === area.slug);
      expect(children.length, area.slug).to.be.within(3, 6);
    }
  });

  it('aligns only to ESCO skill URIs and O*NET-SOC occupations, with OB 3.0 Alignment fields', () => {
    let count = 0;
    for (const skill of framework.skills) {
      const urls = new Set<string>();
      for (const a of skill.alignments) {
        count++;
        expect(a.type, skill.slug).to.deep.equal(['Alignment']);
        expect(a.targetName, skill.slug).to.be.a('string').and.not.be.empty;
        expect(urls.has(a.targetUrl), `duplicate alignment on ${skill.slug}`).to.equal(false);
        urls.add(a.targetUrl);
        const typeOk = ALIGNMENT_TARGET_TYPES.includes(a.targetType) || /^ext:[A-Za-z]+$/.test(a.targetType);
        expect(typeOk, `${skill.slug}: targetType ${a.targetType}`).to.equal(true);
        if (a.targetFramework === 'ESCO') {
          const m = ESCO_SKILL.exec(a.targetUrl);
          expect(m, `${skill.slug}: ${a.targetUrl}`).to.not.equal(null);
          expect(a.targetCode, `${skill.slug}: targetCode is the ESCO UUID`).to.equal(m?.[1]);
        } else if (a.targetFramework === 'O*NET-SOC') {
          const m = ONET_OCCUPATION.exec(a.targetUrl);
          expect(m, `${skill.slug}: ${a.targetUrl}`).to.not.equal(null);
          expect(a.targetCode, `${skill.slug}: targetCode is the O*NET-SOC code`).to.equal(m?.[1]);
        } else {
          expect.fail(`${skill.slug}: unexpected targetFramework ${a.targetFramework}`);
        }
      }
    }
    expect(count, 'some alignments are expected').to.be.greaterThan(0);
  });

  it('documents every alignment URI in ALIGNMENTS.md', () => {
    const doc = readFileSync(new URL('./ALIGNMENTS.md', import.meta.url), 'utf8');
    for (const skill of framework.skills) {
      for (const a of skill.alignments) {
        expect(doc, `${skill.slug} → ${a.targetUrl}`).to.include(a.targetUrl);
      }
    }
  });
});

describe('examples/catalog: achievements', () => {
  it('has one achievement for each of the five areas at each of the three levels', () => {
    expect(achievements).to.have.length(15);
    for (const area of areas) {
      for (const level of LEVELS) {
        const found = achievements.filter((a) => a.area === area.slug && a.level === level);
        expect(found, `${area.slug} ${level}`).to.have.length(1);
      }
    }
  });

  it('has unique slugs and human codes', () => {
    expect(achievementsBySlug.size).to.equal(achievements.length);
    expect(new Set(achievements.map((a) => a.humanCode)).size).to.equal(achievements.length);
    for (const a of achievements) {
      expect(a.slug).to.match(SLUG);
      expect(a.slug).to.equal(`${a.area}-${a.level}`);
    }
  });

  it('references existing areas and sub-skills at valid levels, including its own area', () => {
    for (const a of achievements) {
      expect(skillsBySlug.get(a.area)?.parent, `${a.slug}: area`).to.equal(null);
      expect(a.skills, a.slug).to.not.be.empty;
      for (const s of a.skills) {
        const skill = skillsBySlug.get(s.skill);
        expect(skill, `${a.slug}: skill ${s.skill}`).to.not.equal(undefined);
        expect(skill?.parent, `${a.slug}: ${s.skill} should be a sub-skill, not an area`).to.not.equal(null);
        expect(LEVELS, `${a.slug}: level of ${s.skill}`).to.include(s.level);
      }
      const own = a.skills.filter((s) => skillsBySlug.get(s.skill)?.parent === a.area);
      expect(own.length, `${a.slug}: skills from its own area`).to.be.at.least(3);
      for (const s of own) expect(s.level, `${a.slug}: ${s.skill}`).to.equal(a.level);
      expect(new Set(a.skills.map((s) => s.skill)).size, `${a.slug}: duplicate skill`).to.equal(a.skills.length);
    }
  });

  it('carries OB 3.0 criteria and result descriptions', () => {
    for (const a of achievements) {
      expect(a.achievementType).to.equal('Competency');
      expect(a.criteria.narrative, a.slug).to.include('**Pass mark:**');
      expect(a.tags, a.slug).to.not.be.empty;
      const ids = new Set(a.resultDescriptions.map((r) => r.id));
      expect(ids.size, `${a.slug}: result description ids`).to.equal(a.resultDescriptions.length);
      for (const r of a.resultDescriptions) {
        expect(r.type, a.slug).to.deep.equal(['ResultDescription']);
        expect(RESULT_TYPES, `${a.slug}: ${r.resultType}`).to.include(r.resultType);
      }
      const percent = a.resultDescriptions.find((r) => r.resultType === 'Percent');
      expect(percent, `${a.slug}: Percent result`).to.not.equal(undefined);
      const [min, max, pass] = [Number(percent?.valueMin), Number(percent?.valueMax), Number(percent?.requiredValue)];
      expect([min, max], a.slug).to.deep.equal([0, 100]);
      expect(pass, a.slug).to.be.within(min, max);
      expect(a.criteria.narrative, `${a.slug}: narrative states the pass mark`).to.include(`${pass}%`);
      const rubric = a.resultDescriptions.find((r) => r.resultType === 'RubricCriterionLevel');
      const levels = rubric?.rubricCriterionLevel ?? [];
      expect(levels.length, `${a.slug}: rubric levels`).to.be.at.least(2);
      expect(levels.map((l) => l.id), `${a.slug}: requiredLevel`).to.include(rubric?.requiredLevel);
      for (const l of levels) expect(l.type).to.deep.equal(['RubricCriterionLevel']);
    }
  });
});

describe('examples/awards.csv', () => {
  const { header, rows } = parseCsv(awardsCsv);

  it('has the documented header and about twenty rows', () => {
    expect(header).to.deep.equal([
      'achievement',
      'recipient_did',
      'recipient_email',
      'score',
      'level',
      'assessment_id',
      'project_url',
      'artifact_sha256',
      'idempotency_key',
    ]);
    expect(rows.length).to.be.within(15, 30);
  });

  it('awards existing achievements to a valid recipient with a passing result', () => {
    rows.forEach((row, i) => {
      const where = `row ${i + 2}`;
      const achievement = achievementsBySlug.get(row.achievement ?? '');
      expect(achievement, `${where}: achievement ${row.achievement}`).to.not.equal(undefined);
      const did = row.recipient_did ?? '';
      const email = row.recipient_email ?? '';
      expect(did !== '' || email !== '', `${where}: a DID or an email`).to.equal(true);
      if (did !== '') expect(isEd25519DidKey(did), `${where}: ${did}`).to.equal(true);
      if (email !== '') expect(email, where).to.match(/^[a-z0-9.]+@example\.(com|org)$/);
      const percent = achievement?.resultDescriptions.find((r) => r.resultType === 'Percent');
      const score = Number(row.score);
      expect(Number.isInteger(score), `${where}: score`).to.equal(true);
      expect(score, `${where}: score at or above the pass mark`).to.be.within(Number(percent?.requiredValue), 100);
      const rubric = achievement?.resultDescriptions.find((r) => r.resultType === 'RubricCriterionLevel');
      const levels = rubric?.rubricCriterionLevel ?? [];
      const required = Number(levels.find((l) => l.id === rubric?.requiredLevel)?.level);
      const passing = levels.filter((l) => Number(l.level) >= required).map((l) => l.id);
      expect(passing, `${where}: level`).to.include(row.level);
    });
  });

  it('carries evidence: assessment id, https project URL where a project is assessed, sha-256 digests', () => {
    rows.forEach((row, i) => {
      const where = `row ${i + 2}`;
      expect(row.assessment_id, where).to.match(/^asm-[a-z]+\d{3}-\d{4}-\d{5}$/);
      expect(row.artifact_sha256, where).to.match(/^[0-9a-f]{64}$/);
      const level = achievementsBySlug.get(row.achievement ?? '')?.level;
      if (level === 'foundation') expect(row.project_url, `${where}: no project at foundation`).to.equal('');
      else expect(() => new URL(row.project_url ?? ''), where).to.not.throw();
      if (row.project_url) expect(new URL(row.project_url).protocol, where).to.equal('https:');
    });
  });

  it('uses a distinct idempotency key per row and awards nothing twice', () => {
    const keys = rows.map((r) => r.idempotency_key);
    expect(new Set(keys).size).to.equal(rows.length);
    const pairs = rows.map((r) => `${r.achievement}|${r.recipient_did || r.recipient_email}`);
    expect(new Set(pairs).size, 'same achievement awarded twice to one recipient').to.equal(rows.length);
  });
});

describe('examples/jobs.json', () => {
  it('has six openings from varied organisations', () => {
    expect(jobs).to.have.length(6);
    expect(new Set(jobs.map((j) => j.id)).size).to.equal(jobs.length);
    const kinds = new Set(jobs.map((j) => j.organisation.kind));
    for (const kind of kinds) expect(['company', 'sme', 'public-body', 'nonprofit']).to.include(kind);
    expect(kinds.size).to.equal(4);
    for (const job of jobs) {
      expect(job.title, job.id).to.not.be.empty;
      expect(job.description, job.id).to.not.be.empty;
      expect(['remote', 'hybrid', 'on-site'], job.id).to.include(job.remote);
    }
  });

  it('states requirements on existing framework skills', () => {
    for (const job of jobs) {
      expect(job.requirements.some((r) => r.required), `${job.id}: at least one required skill`).to.equal(true);
      const distinct = new Set(job.requirements.map((r) => r.skill));
      expect(distinct.size, `${job.id}: duplicate skill`).to.equal(job.requirements.length);
      for (const r of job.requirements) {
        expect(skillIds.has(r.skill), `${job.id}: ${r.skill}`).to.equal(true);
        expect(LEVELS, `${job.id}: minLevel`).to.include(r.minLevel);
        expect(r.required, job.id).to.be.a('boolean');
        expect(r.weight, job.id).to.be.a('number').and.be.greaterThan(0);
        if (r.maxAgeMonths !== undefined) {
          expect(Number.isInteger(r.maxAgeMonths) && r.maxAgeMonths > 0, `${job.id}: maxAgeMonths`).to.equal(true);
        }
      }
    }
  });
});
