import { z } from 'zod';

// EL-CON-1: "Create a contract" — the client fills a standard template and the contract is
// generated at once. Each template declares its fields with a schema (validated when the order
// is placed) and renders plain text paragraphs, which services/contracts.ts lays out as a PDF.

const Party = z.string().trim().min(3, 'must name a person or company').max(200);
const AznAmount = z.string().regex(/^\d{1,12}(\.\d{2})?$/, 'must be an amount like 1500 or 1500.00');
const IsoDay = z.iso.date({ error: 'must be a date like 2026-12-01' });

export const CONTRACT_TEMPLATES = {
  'service-agreement': {
    title: 'Contract for the provision of services',
    fields: z.object({
      city: z.string().trim().min(2).max(100),
      date: IsoDay,
      customer: Party,
      contractor: Party,
      subject: z.string().trim().min(10, 'describe the services in at least 10 characters').max(2000),
      price: AznAmount,
      dueDate: IsoDay,
    }),
    render: (f: Record<string, string>) => [
      `${f.city}, ${f.date}`,
      `${f.customer} (the Customer) and ${f.contractor} (the Contractor) agree as follows.`,
      `1. The Contractor provides the following services: ${f.subject}.`,
      `2. The Customer pays ${f.price} AZN for the services.`,
      `3. The services are completed by ${f.dueDate}.`,
      '4. Disputes are settled under the laws of the Republic of Azerbaijan.',
      `Customer: ${f.customer}        Contractor: ${f.contractor}`,
    ],
  },
  'residential-lease': {
    title: 'Residential lease contract',
    fields: z.object({
      city: z.string().trim().min(2).max(100),
      date: IsoDay,
      landlord: Party,
      tenant: Party,
      address: z.string().trim().min(5).max(300),
      monthlyRent: AznAmount,
      months: z.string().regex(/^([1-9]|[1-5]\d|60)$/, 'must be 1 to 60 months'),
    }),
    render: (f: Record<string, string>) => [
      `${f.city}, ${f.date}`,
      `${f.landlord} (the Landlord) lets to ${f.tenant} (the Tenant) the dwelling at ${f.address}.`,
      `1. The lease runs for ${f.months} months from ${f.date}.`,
      `2. The rent is ${f.monthlyRent} AZN a month, paid by the 5th day of each month.`,
      '3. The Tenant keeps the dwelling in good order and returns it at the end of the lease.',
      '4. Disputes are settled under the laws of the Republic of Azerbaijan.',
      `Landlord: ${f.landlord}        Tenant: ${f.tenant}`,
    ],
  },
} as const;

export type ContractTemplateId = keyof typeof CONTRACT_TEMPLATES;

export const isContractTemplateId = (id: string): id is ContractTemplateId => id in CONTRACT_TEMPLATES;

/** The template's fields, validated; or the problems, one per field. */
export function validateContractFields(
  templateId: ContractTemplateId,
  fields: unknown,
): { ok: true; fields: Record<string, string> } | { ok: false; problems: { path: string; message: string }[] } {
  const parsed = CONTRACT_TEMPLATES[templateId].fields.safeParse(fields);
  if (parsed.success) return { ok: true, fields: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: ['fields', ...issue.path].join('.'), message: issue.message })),
  };
}

export function renderContract(templateId: ContractTemplateId, fields: Record<string, string>): { title: string; paragraphs: string[] } {
  const template = CONTRACT_TEMPLATES[templateId];
  return { title: template.title, paragraphs: [...template.render(fields)] };
}
