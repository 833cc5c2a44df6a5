import { expect } from 'chai';
import { DrizzleQueryError } from 'drizzle-orm';
import { ConflictError, NotFoundError, ProoflineError } from '../core/errors.ts';
import { toStorageError } from './storage-error.ts';

const SQL = 'insert into "keys" ("encrypted_secret_key") values ($1)';

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, constraint: 'keys_pkey', query: SQL, params: ['envelope'] });
}

describe('toStorageError', () => {
  it('maps a unique violation under drizzle to a ConflictError that quotes neither SQL nor parameters', () => {
    const error = toStorageError(new DrizzleQueryError(SQL, ['envelope'], pgError('23505', 'duplicate key value')));
    expect(error).to.be.instanceOf(ConflictError);
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.to.match(/insert|envelope/);
    expect(error.cause).to.include({ code: '23505', constraint: 'keys_pkey' });
    expect(error.cause).not.to.have.property('query');
  });

  it('maps a foreign-key violation to NotFoundError and anything else to INTERNAL', () => {
    expect(toStorageError(pgError('23503', 'violates foreign key'))).to.be.instanceOf(NotFoundError);
    const other = toStorageError(new DrizzleQueryError(SQL, ['envelope'], new Error('connection lost')));
    expect(other).to.include({ code: 'INTERNAL' });
    expect((other.cause as Error).message).to.equal('connection lost');
  });

  it('passes core errors through unchanged', () => {
    const original = new ProoflineError('STATUS_LIST_FULL', 'full');
    expect(toStorageError(original)).to.equal(original);
  });
});
