// Who a user is on the platform (ACC-1, ACC-6). One list: the zod schemas, the TypeScript type
// and the OpenAPI document derive from it; prisma/schema.prisma's `enum Role` spells the same.

export const ROLES = ['client', 'specialist', 'admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** ACC-1: the roles a person may register with; admins and operators are appointed. */
export const SELF_REGISTERED_ROLES = ['client', 'specialist'] as const satisfies readonly Role[];
export type SelfRegisteredRole = (typeof SELF_REGISTERED_ROLES)[number];
