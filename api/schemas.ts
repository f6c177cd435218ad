import { z } from 'zod';
import { ROLES } from '../domain/accounts/roles.ts';

// Schemas shared by several routes. Each one feeds validation, the handler's TypeScript types
// and the OpenAPI document.

export const Email = z
  .email({ error: 'must be a valid e-mail address' })
  .max(254)
  .transform((value) => value.trim().toLowerCase());

// E.164 after removing spaces, dashes and brackets people type: "+998 (90) 123-45-67".
export const Phone = z
  .string()
  .transform((value) => value.replace(/[\s\-()]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be an international number like +998901234567'));

export const Password = z.string().min(10, 'must be at least 10 characters').max(200);

export const FullName = z.string().trim().min(3, 'must be at least 3 characters').max(200);

// Year 0000 is a valid ISO 8601 date, but PostgreSQL has no year 0: refused here, not by the database.
export const IsoDate = z.iso
  .date({ error: 'must be a date like 2008-05-31' })
  .refine((value) => value >= '0001-01-01', 'must be a date like 2008-05-31');

export const Uuid = z.uuid({ error: 'must be a UUID' });

export const IdParams = z.object({ id: Uuid });

export const Role = z.enum(ROLES);

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  phone: z.string(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  role: Role,
  suspended: z.boolean(),
  suspendedReason: z.string().nullable(),
  createdAt: z.string(),
});

export function userView(user: {
  id: string;
  email: string;
  phone: string;
  fullName: string;
  birthDate: Date | null;
  role: z.infer<typeof Role>;
  suspendedAt: Date | null;
  suspendedReason: string | null;
  createdAt: Date;
}): z.infer<typeof UserView> {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone,
    fullName: user.fullName,
    birthDate: user.birthDate ? user.birthDate.toISOString().slice(0, 10) : null,
    role: user.role,
    suspended: user.suspendedAt !== null,
    suspendedReason: user.suspendedReason,
    createdAt: user.createdAt.toISOString(),
  };
}

export const ProblemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'ProblemDetails', description: 'RFC 9457 problem details; switch on `code`.' });

// The error responses every route may give, for the OpenAPI document.
export const problemResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, ProblemDetails]));

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe('Retries with the same key return the first response; a different body with the same key is refused.'),
});
