import { expect } from 'chai';
import fc from 'fast-check';
import { ValidationError } from '../core/errors.ts';
import { LogFormatError } from './log-format-error.ts';
import { checkLogEvent, decodeLogEntry, encodeLogEntry, type LogEvent } from './log-entry.ts';

const DIGEST = 'a'.repeat(64);
const DID_KEY = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const DID_WEB_PATH = 'did:web:academy.example%3A8443:issuers:ai';
const issuance: LogEvent = {
  type: 'issuance',
  time: '2026-01-01T00:00:00Z',
  issuer: 'did:web:academy.example',
  keyId: 'did:web:academy.example#key-1',
  credentialDigest: DIGEST,
  statusList: 'rl-1',
  statusIndex: 42,
};
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (value: string) => new TextEncoder().encode(value);

function pointersOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    return (error as ValidationError).details.map((d) => d.pointer ?? '');
  }
  throw new Error('expected a ValidationError');
}

describe('encodeLogEntry / decodeLogEntry', () => {
  it('writes RFC 8785 canonical JSON: members sorted, no spaces', () => {
    expect(text(encodeLogEntry(issuance))).to.equal(
      '{"credentialDigest":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","issuer":"did:web:academy.example",' +
        '"keyId":"did:web:academy.example#key-1","statusIndex":42,"statusList":"rl-1","time":"2026-01-01T00:00:00Z",' +
        '"type":"issuance"}',
    );
  });

  it('gives the same bytes whatever the member order of the input', () => {
    const reordered = Object.fromEntries(Object.entries(issuance).reverse()) as unknown as LogEvent;
    expect(encodeLogEntry(reordered)).to.deep.equal(encodeLogEntry(issuance));
  });

  it('round-trips every kind of event', () => {
    const events: LogEvent[] = [
      issuance,
      { ...issuance, statusList: undefined, statusIndex: undefined },
      { ...issuance, type: 'revocation', time: '2026-03-01T12:30:00.123Z' },
      { ...issuance, type: 'suspension', statusList: 'https://proofline.example/status-lists/sl-2', statusIndex: 0 },
      { ...issuance, type: 'unsuspension' },
      { type: 'key-added', time: issuance.time, issuer: DID_KEY, keyId: `${DID_KEY}#${DID_KEY.slice(8)}` },
      { type: 'key-rotated', time: issuance.time, issuer: issuance.issuer, keyId: 'did:web:academy.example#key-2' },
      { type: 'key-retired', time: issuance.time, issuer: DID_WEB_PATH, keyId: `${DID_WEB_PATH}#key-1` },
    ];
    for (const event of events) {
      const clean = JSON.parse(JSON.stringify(event)) as LogEvent; // drops undefined members
      expect(decodeLogEntry(encodeLogEntry(event)), event.type).to.deep.equal(clean);
    }
  });

  it('refuses members it does not know, so no personal data can be logged', () => {
    const withSubject = { ...issuance, subject: 'did:key:z6MkLearner' } as unknown as LogEvent;
    expect(pointersOf(() => encodeLogEntry(withSubject))).to.deep.equal(['/subject']);
    const withName = { ...issuance, name: 'Ada Lovelace', email: 'ada@example.com' } as unknown as LogEvent;
    expect(pointersOf(() => encodeLogEntry(withName))).to.deep.equal(['/name', '/email']);
  });

  it('checks the shape of every member', () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ type: 'award' }, ['/type']],
      [{ time: '2026-01-01T00:00:00+01:00' }, ['/time']],
      [{ time: '2026-01-01 00:00:00Z' }, ['/time']],
      [{ time: '2026-02-30T00:00:00Z' }, ['/time']],
      [{ time: '2026-01-01T24:00:00Z' }, ['/time']],
      [{ time: 1767225600000 }, ['/time']],
      [{ issuer: 'mailto:ada@example.com' }, ['/issuer']],
      [{ issuer: 'did:web:academy.example#key-1' }, ['/issuer']],
      [{ issuer: 'Did:web:x' }, ['/issuer']],
      [{ keyId: 'did:web:academy.example' }, ['/keyId']],
      [{ keyId: 'key-1' }, ['/keyId']],
      [{ keyId: 'did:web:academy.example#key 1' }, ['/keyId']],
      [{ credentialDigest: DIGEST.toUpperCase() }, ['/credentialDigest']],
      [{ credentialDigest: 'a'.repeat(63) }, ['/credentialDigest']],
      [{ credentialDigest: undefined }, ['/credentialDigest']],
      [{ statusIndex: -1 }, ['/statusIndex']],
      [{ statusIndex: 1.5 }, ['/statusIndex']],
      [{ statusIndex: '3' }, ['/statusIndex']],
      [{ statusList: 'list one' }, ['/statusList']],
      [{ statusList: '' }, ['/statusList']],
      [{ statusList: undefined }, ['/statusList']], // an issuance has both or neither
      [{ issuer: 'did:web:' + 'a'.repeat(2048) }, ['/issuer']],
    ];
    for (const [change, pointers] of cases) {
      const event = { ...issuance, ...change } as unknown as LogEvent;
      expect(pointersOf(() => encodeLogEntry(event)), JSON.stringify(change)).to.deep.equal(pointers);
    }
    expect(checkLogEvent([])).to.deep.equal([{ pointer: '', detail: 'a log event is a JSON object' }]);
    expect(checkLogEvent(null)).to.have.length(1);
  });

  it('requires the status entry of a status change, and refuses credential members on key events', () => {
    const revocation = { ...issuance, type: 'revocation', statusList: undefined, statusIndex: undefined } as unknown as LogEvent;
    expect(pointersOf(() => encodeLogEntry(revocation))).to.deep.equal(['/statusList', '/statusIndex']);
    const keyEvent = { ...issuance, type: 'key-added' } as unknown as LogEvent;
    expect(pointersOf(() => encodeLogEntry(keyEvent))).to.deep.equal(['/credentialDigest', '/statusList', '/statusIndex']);
  });

  it('decodes only the exact bytes encodeLogEntry writes', () => {
    const canonical = text(encodeLogEntry(issuance));
    const variants = [
      canonical.replace(',', ', '), // whitespace
      JSON.stringify(issuance), // member order of the input
      canonical.replace('"statusIndex":42', '"statusIndex":42.0'),
      canonical.replace('{', '{"type":"revocation",'), // duplicate member
      `\ufeff${canonical}`, // byte order mark
      `${canonical}\n`,
    ];
    for (const variant of variants) {
      expect(() => decodeLogEntry(bytes(variant)), variant).to.throw(LogFormatError);
    }
    expect(() => decodeLogEntry(Uint8Array.of(0x7b, 0xff, 0x7d))).to.throw(LogFormatError); // invalid UTF-8
    expect(() => decodeLogEntry(bytes('[]'))).to.throw(LogFormatError);
    expect(() => decodeLogEntry(bytes(canonical.replace('"time"', '"extra":1,"time"')))).to.throw(LogFormatError);
  });

  it('round-trips any valid event and encodes it deterministically (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9.-]{1,20}$/).filter((s) => /[a-z0-9]$/.test(s));
    const did = label.map((host) => `did:web:${host}`);
    const time = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    const credentialEvent = fc.record({
      type: fc.constantFrom('issuance', 'revocation', 'suspension', 'unsuspension' as const),
      time,
      issuer: did,
      fragment: label,
      credentialDigest: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
      statusList: label,
      statusIndex: fc.nat(),
    });
    fc.assert(
      fc.property(credentialEvent, ({ fragment, ...rest }) => {
        const event: LogEvent = { ...rest, keyId: `${rest.issuer}#${fragment}` };
        const encoded = encodeLogEntry(event);
        expect(encodeLogEntry(decodeLogEntry(encoded))).to.deep.equal(encoded);
        expect(decodeLogEntry(encoded)).to.deep.equal(event);
      }),
      { numRuns: 200 },
    );
  });
});
