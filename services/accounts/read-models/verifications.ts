import type { VerificationKind, VerificationState } from '../../../domain/verification/contract.ts';
import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// ACC-4: the mirrored verification requests, newest submission first. Rows; the API shapes them.

export interface VerificationFilter {
  userId?: string | undefined;
  status?: VerificationState | undefined;
  /** ACC-4 documents and CHAT-1 specialist credentials share the workflow; admins list them apart. */
  kinds?: readonly VerificationKind[] | undefined;
}

export function listVerifications(db: Db, filter: VerificationFilter, page: PageRequest) {
  return db.verificationRequest.findMany({
    where: {
      ...(filter.userId && { userId: filter.userId }),
      ...(filter.status && { status: filter.status }),
      ...(filter.kinds && { kind: { in: [...filter.kinds] } }),
      ...newestFirstAfter(page.after, 'submittedAt'),
    },
    ...newestFirstPage(page, 'submittedAt'),
  });
}

export function findVerification(db: Db, id: string) {
  return db.verificationRequest.findUnique({ where: { id } });
}
