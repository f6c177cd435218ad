import { DomainError } from '../domain/errors.ts';
import { pdfPageCount, readAll } from './order-documents.ts';
import type { FileStorage } from './storage.ts';

// EL-DOC-2: per-page services are billed by the pages of the client's documents. A PDF's
// pages are counted from the file; a Word file's pages are declared by the client (staff may
// correct them later, EL-DOC-3). Our reading: an image is one page.

const WORD_TYPES = new Set(['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/x-cfb']);

export interface CountedDocument {
  fileId: string;
  pages: number;
  declared: boolean;
}

export async function countPages(
  storage: FileStorage,
  files: { id: string; mediaType: string; storageKey: string }[],
  declaredPages: Record<string, number>,
): Promise<CountedDocument[]> {
  const counted: CountedDocument[] = [];
  for (const file of files) {
    if (file.mediaType === 'application/pdf') {
      counted.push({ fileId: file.id, pages: await pdfPageCount(await readAll(storage, file.storageKey)), declared: false });
    } else if (WORD_TYPES.has(file.mediaType)) {
      const pages = declaredPages[file.id];
      if (pages === undefined) {
        throw new DomainError('VALIDATION_FAILED', 'Declare the page count of each Word file (EL-DOC-2).', [
          { path: `declaredPages.${file.id}`, message: 'required for a Word file' },
        ]);
      }
      counted.push({ fileId: file.id, pages, declared: true });
    } else {
      counted.push({ fileId: file.id, pages: 1, declared: false });
    }
  }
  return counted;
}
