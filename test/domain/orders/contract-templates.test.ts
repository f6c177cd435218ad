import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderContract, validateContractFields } from '../../../domain/orders/contract-templates.ts';
import { DomainError } from '../../../domain/errors.ts';
import { pdfPageCount } from '../../../services/orders/documents.ts';

describe('EL-CON-1: contract templates', () => {
  const lease = {
    city: 'Sumqayıt',
    date: '2026-12-01',
    landlord: 'Məmmədov Rəşad',
    tenant: 'Həsənova Leyla',
    address: 'Sülh küçəsi 12, mənzil 5',
    monthlyRent: '650',
    months: '12',
  };

  it('EL-CON-1: valid fields render the contract with the parties’ names exactly as typed', () => {
    const checked = validateContractFields('residential-lease', lease);
    expect(checked.ok).toBe(true);
    const { title, paragraphs } = renderContract('residential-lease', lease);
    expect(title).toBe('Residential lease contract');
    expect(paragraphs[1]).toBe(
      'Məmmədov Rəşad (the Landlord) lets to Həsənova Leyla (the Tenant) the dwelling at Sülh küçəsi 12, mənzil 5.',
    );
    expect(paragraphs[3]).toBe('2. The rent is 650 AZN a month, paid by the 5th day of each month.');
  });

  it('EL-CON-1: each bad field is named', () => {
    const checked = validateContractFields('residential-lease', { ...lease, months: '61', monthlyRent: '6,50', tenant: undefined });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.map((p) => p.path).sort()).toEqual(['fields.monthlyRent', 'fields.months', 'fields.tenant']);
  });
});

describe('EL-DOC-2: PDF pages are counted from the file', () => {
  it('EL-DOC-2: counts the pages of a 4-page PDF', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 4; i++) doc.addPage();
    expect(await pdfPageCount(await doc.save())).toBe(4);
  });

  it('EL-DOC-2: a file that is not a readable PDF is refused, not guessed', async () => {
    await expect(pdfPageCount(Buffer.from('%PDF-1.7 garbage'))).rejects.toBeInstanceOf(DomainError);
  });
});
