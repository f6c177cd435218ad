import { z } from 'zod';
import { VERIFICATION_KINDS, VERIFICATION_STATES } from '../../../domain/verification/contract.ts';

export const VerificationKind = z.enum(VERIFICATION_KINDS);
export const VerificationStatus = z.enum(VERIFICATION_STATES);

export const VerificationView = z.object({
  id: z.string(),
  userId: z.string(),
  kind: VerificationKind,
  documentFileId: z.string(),
  note: z.string().nullable(),
  status: VerificationStatus,
  submittedAt: z.string(),
  remindedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});

type Row = {
  id: string;
  userId: string;
  kind: z.infer<typeof VerificationView>['kind'];
  documentFileId: string;
  note: string | null;
  status: z.infer<typeof VerificationView>['status'];
  submittedAt: Date;
  remindedAt: Date | null;
  decidedAt: Date | null;
  decisionReason: string | null;
};

export const verificationView = (row: Row): z.infer<typeof VerificationView> => ({
  id: row.id,
  userId: row.userId,
  kind: row.kind,
  documentFileId: row.documentFileId,
  note: row.note,
  status: row.status,
  submittedAt: row.submittedAt.toISOString(),
  remindedAt: row.remindedAt?.toISOString() ?? null,
  decidedAt: row.decidedAt?.toISOString() ?? null,
  decisionReason: row.decisionReason,
});
