/** What an employer may see of a member account: never the password hash. */
import type { EmployerRecord } from '../core/marketplace-ports.ts';

export interface EmployerAccount {
  id: string;
  organisationId: string;
  email: string;
  role: EmployerRecord['role'];
  createdAt: string;
}

export function toEmployerAccount(employer: EmployerRecord): EmployerAccount {
  return { id: employer.id, organisationId: employer.organisationId, email: employer.email, role: employer.role, createdAt: employer.createdAt.toISOString() };
}
