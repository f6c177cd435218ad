import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCredentialsDirectly, registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { startStack, type Stack } from '../support/stack.ts';

// ACC-7: a specialist's portfolio through the HTTP API, the real files API and storage, and
// sharp measuring what the service made. Sizes below are written out by hand from the rules:
// a thumbnail fits 400×400, a web copy 1600×1600, neither is ever enlarged.

const UPLOAD_MAX_BYTES = 1_048_576;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Auth = Record<string, string>;
type Person = { user: { id: string }; auth: Auth };
type ImageCopy = { url: string; width: number; height: number; mediaType: string };
type Item = {
  id: string;
  fileId: string;
  kind: 'image' | 'pdf';
  caption: string;
  position: number;
  thumbnail: ImageCopy | null;
  web: ImageCopy | null;
  document: { url: string; fileName: string; sizeBytes: number } | null;
};
type Page = { items: Item[]; nextCursor: string | null };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) });
});
afterAll(async () => stack?.close());

const get = (url: string, headers: Auth = {}) => stack.app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Auth, payload?: object) =>
  stack.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

function upload(auth: Auth, bytes: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), filename);
  return stack.app.inject({ method: 'POST', url: '/v1/files', headers: auth, payload: form });
}

async function uploaded(auth: Auth, bytes: Buffer, filename: string): Promise<string> {
  const response = await upload(auth, bytes, filename);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function addWork(person: Person, bytes: Buffer, filename: string, caption = ''): Promise<Item> {
  const fileId = await uploaded(person.auth, bytes, filename);
  const response = await send('POST', '/v1/me/portfolio', person.auth, { fileId, caption });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Item>();
}

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } });

async function measure(url: string, headers: Auth = {}) {
  const response = await get(url, headers);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('image/webp');
  return sharp(response.rawPayload).metadata();
}

// EXIF is TIFF-structured: after "Exif\0\0", a byte-order mark, then IFD0's offset and entries.
// Tag 0x8825 in IFD0 points to the GPS IFD: its presence means the photo carries a position.
function hasGpsIfd(exif: Buffer): boolean {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') + 6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd0 = little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  const entries = u16(ifd0);
  return Array.from({ length: entries }, (_, i) => u16(ifd0 + 2 + i * 12)).includes(0x8825);
}

const PROFILE = {
  name: 'Bondarenko Olena',
  areas: ['architecture'],
  languages: ['uk'],
  city: 'Kyiv',
  yearsOfPractice: 12,
  price: { amount: 150_000, currency: 'UAH' },
};

/** A specialist with a profile; `vetted` makes them listed (approved credentials). */
async function specialist(options: { vetted: boolean }): Promise<Person> {
  const person = await registerSpecialist(stack.app, stack.database.db, options);
  const saved = await send('PUT', '/v1/me/specialist-profile', person.auth, PROFILE);
  expect(saved.statusCode, saved.body).toBe(200);
  return person;
}

describe('portfolio images and documents (ACC-7)', () => {
  it('ACC-7: an uploaded image gets a thumbnail and a web copy fitting 400×400 and 1600×1600, never enlarged', async () => {
    const owner = await specialist({ vetted: true });
    const wide = await addWork(owner, await solid(2400, 1200).jpeg().toBuffer(), 'facade.jpg', 'Facade, Podil');
    expect(wide).toMatchObject({
      kind: 'image',
      caption: 'Facade, Podil',
      position: 0,
      thumbnail: { url: `/v1/me/portfolio/${wide.id}/thumbnail`, width: 400, height: 200, mediaType: 'image/webp' },
      web: { url: `/v1/me/portfolio/${wide.id}/web`, width: 1600, height: 800, mediaType: 'image/webp' },
      document: null,
    });
    expect(await measure(wide.thumbnail!.url, owner.auth)).toMatchObject({ format: 'webp', width: 400, height: 200 });
    expect(await measure(wide.web!.url, owner.auth)).toMatchObject({ format: 'webp', width: 1600, height: 800 });

    const small = await addWork(owner, await solid(300, 200).png().toBuffer(), 'detail.png');
    expect(small).toMatchObject({ position: 1, thumbnail: { width: 300, height: 200 }, web: { width: 300, height: 200 } });
    expect(await measure(small.web!.url, owner.auth)).toMatchObject({ width: 300, height: 200 });

    const tall = await addWork(owner, await solid(1000, 3000).webp().toBuffer(), 'tower.webp');
    expect(tall).toMatchObject({ position: 2, thumbnail: { width: 133, height: 400 }, web: { width: 533, height: 1600 } });
    expect(await measure(tall.thumbnail!.url, owner.auth)).toMatchObject({ width: 133, height: 400 });
  });

  it('ACC-7: EXIF metadata (GPS, author) is stripped from the copies, a rotated photo is turned upright, the original stays private', async () => {
    const owner = await specialist({ vetted: true });
    const photo = await solid(1200, 600)
      .jpeg()
      .withExif({ IFD0: { Artist: 'Secret Photographer' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 27/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const original = await sharp(photo).metadata();
    expect(original).toMatchObject({ width: 1200, height: 600, orientation: 6 });
    expect(hasGpsIfd(original.exif!)).toBe(true);
    expect(original.exif!.toString('latin1')).toContain('Secret Photographer');

    const item = await addWork(owner, photo, 'site-visit.jpg');
    // Orientation 6 is a quarter turn: the photo shows 600 wide and 1200 high.
    expect(item).toMatchObject({ thumbnail: { width: 200, height: 400 }, web: { width: 600, height: 1200 } });
    for (const copy of [item.thumbnail!, item.web!]) {
      const meta = await measure(copy.url, owner.auth);
      expect(meta).toMatchObject({ width: copy.width, height: copy.height });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }

    // The original is the owner's upload only: nobody else downloads it, and the item offers no link to it.
    const stranger = await registerAndLogin(stack.app);
    expect((await get(`/v1/files/${item.fileId}/content`, stranger.auth)).statusCode).toBe(404);
    expect((await get(`/v1/me/portfolio/${item.id}/document`, owner.auth)).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await get(`/v1/specialists/${owner.user.id}/portfolio/${item.id}/document`)).statusCode).toBe(404);
  });

  it('ACC-7: a PDF is accepted without a thumbnail and offered as a download', async () => {
    const owner = await specialist({ vetted: true });
    const item = await addWork(owner, PDF, 'Project — house in Irpin.pdf', 'Working drawings');
    expect(item).toMatchObject({
      kind: 'pdf',
      caption: 'Working drawings',
      thumbnail: null,
      web: null,
      document: { url: `/v1/me/portfolio/${item.id}/document`, fileName: 'Project — house in Irpin.pdf', sizeBytes: PDF.length },
    });
    const visitor = await get(`/v1/specialists/${owner.user.id}/portfolio/${item.id}/document`);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.headers['content-type']).toBe('application/pdf');
    expect(visitor.headers['content-disposition']).toBe("attachment; filename*=UTF-8''Project%20%E2%80%94%20house%20in%20Irpin.pdf");
    expect(visitor.rawPayload.equals(PDF)).toBe(true);
    expect((await get(`/v1/specialists/${owner.user.id}/portfolio/${item.id}/thumbnail`)).statusCode).toBe(404);
  });

  it('ACC-7: a wrong type or a file too large is refused with a problem, never stored in the portfolio', async () => {
    const owner = await specialist({ vetted: true });
    const executable = await upload(owner.auth, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), 'drawing.png');
    expect(executable.statusCode).toBe(415);
    expect(executable.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });

    const tooBig = await upload(owner.auth, Buffer.concat([PDF, Buffer.alloc(UPLOAD_MAX_BYTES, 0x20)]), 'big.pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });

    // A Word document is a valid upload (for orders) but not a work for a gallery.
    const word = await stack.database.db.storedFile.create({
      data: {
        ownerId: owner.user.id,
        originalName: 'cv.docx',
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        storageKey: `fixtures/portfolio-${owner.user.id}`,
      },
    });
    const wordAdded = await send('POST', '/v1/me/portfolio', owner.auth, { fileId: word.id });
    expect(wordAdded.statusCode).toBe(422);
    expect(wordAdded.json()).toMatchObject({
      code: 'PORTFOLIO_FILE_TYPE_NOT_ALLOWED',
      detail:
        'A portfolio takes JPEG, PNG or WebP images and PDFs; this file is application/vnd.openxmlformats-officedocument.wordprocessingml.document (ACC-7).',
    });

    // 8000 × 6000 = 48 megapixels: a few kilobytes of PNG, over the 40-megapixel limit.
    const huge = await uploaded(
      owner.auth,
      await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#000000' } })
        .png()
        .toBuffer(),
      'huge.png',
    );
    const hugeAdded = await send('POST', '/v1/me/portfolio', owner.auth, { fileId: huge });
    expect(hugeAdded.statusCode).toBe(422);
    expect(hugeAdded.json()).toMatchObject({
      code: 'PORTFOLIO_IMAGE_TOO_LARGE',
      detail: 'The image is 8000×6000 pixels; a portfolio image may have at most 40 megapixels (ACC-7).',
    });

    const broken = await uploaded(
      owner.auth,
      Buffer.concat([(await solid(64, 64).png().toBuffer()).subarray(0, 60), Buffer.alloc(40, 7)]),
      'cut.png',
    );
    const brokenAdded = await send('POST', '/v1/me/portfolio', owner.auth, { fileId: broken });
    expect(brokenAdded.statusCode).toBe(422);
    expect(brokenAdded.json()).toMatchObject({ code: 'PORTFOLIO_IMAGE_UNREADABLE' });

    const unknown = await send('POST', '/v1/me/portfolio', owner.auth, { fileId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'fileId', message: 'no such file of yours' }]);

    expect((await get('/v1/me/portfolio', owner.auth)).json<Page>().items).toEqual([]);
  });
});

describe('editing a portfolio (ACC-7)', () => {
  it('ACC-7: captions are trimmed, at most 300 characters, without control characters, and can be changed', async () => {
    const owner = await specialist({ vetted: true });
    const fileId = await uploaded(owner.auth, PDF, 'plan.pdf');
    const tooLong = await send('POST', '/v1/me/portfolio', owner.auth, { fileId, caption: 'x'.repeat(301) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.caption', message: 'at most 300 characters' }],
    });
    const control = await send('POST', '/v1/me/portfolio', owner.auth, { fileId, caption: 'bell\u0007' });
    expect(control.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'body.caption', message: 'may not contain control characters' }],
    });

    const added = await send('POST', '/v1/me/portfolio', owner.auth, { fileId, caption: `  ${'я'.repeat(300)}  ` });
    expect(added.statusCode, added.body).toBe(201);
    const item = added.json<Item>();
    expect(item.caption).toBe('я'.repeat(300));
    expect(added.headers.location).toBe(`/v1/me/portfolio/${item.id}`);

    const changed = await send('PATCH', `/v1/me/portfolio/${item.id}`, owner.auth, { caption: 'Ground floor plan\nscale 1:100' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: item.id, caption: 'Ground floor plan\nscale 1:100' });
    const refused = await send('PATCH', `/v1/me/portfolio/${item.id}`, owner.auth, { caption: 'y'.repeat(301) });
    expect(refused.statusCode).toBe(400);
    expect((await get(`/v1/me/portfolio/${item.id}`, owner.auth)).json()).toMatchObject({ caption: 'Ground floor plan\nscale 1:100' });

    // A retried request with its Idempotency-Key gets the first answer again.
    const keyed = { ...owner.auth, 'idempotency-key': `portfolio-${item.id}` };
    const secondFile = await uploaded(owner.auth, Buffer.concat([PDF, Buffer.from('% 2\n')]), 'section.pdf');
    const first = await send('POST', '/v1/me/portfolio', keyed, { fileId: secondFile, caption: 'Section' });
    const replayed = await send('POST', '/v1/me/portfolio', keyed, { fileId: secondFile, caption: 'Section' });
    expect(replayed.statusCode).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(first.json());

    // The same file twice: a retry with the same caption is the same item; another caption is refused.
    const again = await send('POST', '/v1/me/portfolio', owner.auth, { fileId, caption: 'Ground floor plan\nscale 1:100' });
    expect(again.json()).toMatchObject({ id: item.id });
    const other = await send('POST', '/v1/me/portfolio', owner.auth, { fileId, caption: 'Another caption' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'PORTFOLIO_FILE_ALREADY_ADDED' });
  });

  it('ACC-7: the owner reorders the portfolio by listing every item once; pages follow that order', async () => {
    const owner = await specialist({ vetted: true });
    const a = await addWork(owner, PDF, 'a.pdf', 'A');
    const b = await addWork(owner, await solid(40, 40).png().toBuffer(), 'b.png', 'B');
    const c = await addWork(owner, Buffer.concat([PDF, Buffer.from('% c\n')]), 'c.pdf', 'C');
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);

    const reordered = await send('PUT', '/v1/me/portfolio/order', owner.auth, { itemIds: [c.id, a.id, b.id] });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json<Page>().items.map((item) => [item.caption, item.position])).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);

    const first = (await get('/v1/specialists/' + owner.user.id + '/portfolio?limit=2')).json<Page>();
    expect(first.items.map((item) => item.caption)).toEqual(['C', 'A']);
    const second = (await get(`/v1/specialists/${owner.user.id}/portfolio?limit=2&cursor=${first.nextCursor}`)).json<Page>();
    expect(second).toMatchObject({ items: [{ caption: 'B' }], nextCursor: null });

    const missing = await send('PUT', '/v1/me/portfolio/order', owner.auth, { itemIds: [c.id, a.id] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'itemIds', message: `name every item of your portfolio; missing: ${b.id}` }]);
    const twice = await send('PUT', '/v1/me/portfolio/order', owner.auth, { itemIds: [c.id, a.id, a.id] });
    expect(twice.json().errors).toEqual([{ path: 'itemIds', message: `${a.id} is named twice` }]);

    const d = await addWork(owner, Buffer.concat([PDF, Buffer.from('% d\n')]), 'd.pdf', 'D');
    expect(d.position).toBe(3);
  });

  it('ACC-7: another specialist cannot see, edit, reorder or delete my items (404), a client has no portfolio (403)', async () => {
    const owner = await specialist({ vetted: true });
    const item = await addWork(owner, await solid(50, 50).png().toBuffer(), 'mine.png', 'Mine');
    const other = await specialist({ vetted: true });
    const own = await addWork(other, PDF, 'theirs.pdf');

    expect((await get(`/v1/me/portfolio/${item.id}`, other.auth)).statusCode).toBe(404);
    expect((await get(`/v1/me/portfolio/${item.id}/thumbnail`, other.auth)).statusCode).toBe(404);
    const patched = await send('PATCH', `/v1/me/portfolio/${item.id}`, other.auth, { caption: 'Stolen' });
    expect(patched.statusCode).toBe(404);
    expect(patched.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'No such item in your portfolio.' });
    expect((await send('DELETE', `/v1/me/portfolio/${item.id}`, other.auth)).statusCode).toBe(404);
    const reorder = await send('PUT', '/v1/me/portfolio/order', other.auth, { itemIds: [item.id, own.id] });
    expect(reorder.json().errors).toEqual([{ path: 'itemIds', message: `${item.id} is not an item of your portfolio` }]);
    const adopt = await send('POST', '/v1/me/portfolio', other.auth, { fileId: item.fileId });
    expect(adopt.statusCode).toBe(400);

    const client = await registerAndLogin(stack.app);
    const asClient = await send('PATCH', `/v1/me/portfolio/${item.id}`, client.auth, { caption: 'Stolen' });
    expect(asClient.statusCode).toBe(403);
    expect((await get(`/v1/me/portfolio/${item.id}`, owner.auth)).json()).toMatchObject({ caption: 'Mine', position: 0 });
  });

  it('ACC-7: deleting an item removes it and its derived copies; the upload stays its owner’s', async () => {
    const owner = await specialist({ vetted: true });
    const item = await addWork(owner, await solid(80, 60).jpeg().toBuffer(), 'old.jpg');
    const storage = stack.app.deps.storage;
    await expect(storage.read(`portfolio/${item.id}/web.webp`)).resolves.toBeDefined();

    expect((await send('DELETE', `/v1/me/portfolio/${item.id}`, owner.auth)).statusCode).toBe(204);
    expect((await get(`/v1/me/portfolio/${item.id}`, owner.auth)).statusCode).toBe(404);
    expect((await get(`/v1/specialists/${owner.user.id}/portfolio/${item.id}/thumbnail`)).statusCode).toBe(404);
    expect((await get(`/v1/specialists/${owner.user.id}/portfolio`)).json<Page>().items).toEqual([]);
    await expect(storage.read(`portfolio/${item.id}/web.webp`)).rejects.toThrow();
    await expect(storage.read(`portfolio/${item.id}/thumbnail.webp`)).rejects.toThrow();
    expect((await get(`/v1/files/${item.fileId}`, owner.auth)).statusCode).toBe(200);
    expect((await send('DELETE', `/v1/me/portfolio/${item.id}`, owner.auth)).statusCode).toBe(404);
  });
});

describe('the public portfolio (ACC-7)', () => {
  it('ACC-7: an unvetted specialist builds a portfolio that the public sees only once listed, and no longer when suspended', async () => {
    const owner = await specialist({ vetted: false });
    const item = await addWork(owner, await solid(2000, 1000).jpeg().toBuffer(), 'villa.jpg', 'Villa in Lviv');
    const publicList = `/v1/specialists/${owner.user.id}/portfolio`;
    const publicThumbnail = `${publicList}/${item.id}/thumbnail`;
    expect((await get(publicList)).json()).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'No such specialist in the directory.',
    });
    expect((await get(publicThumbnail)).statusCode).toBe(404);
    expect((await get('/v1/me/portfolio', owner.auth)).json<Page>().items).toHaveLength(1);

    await approveCredentialsDirectly(stack.database.db, owner.user.id);
    const visitor = await get(publicList);
    expect(visitor.statusCode, visitor.body).toBe(200);
    expect(visitor.json()).toEqual({
      items: [
        {
          id: item.id,
          kind: 'image',
          caption: 'Villa in Lviv',
          position: 0,
          thumbnail: { url: publicThumbnail, width: 400, height: 200, mediaType: 'image/webp' },
          web: { url: `${publicList}/${item.id}/web`, width: 1600, height: 800, mediaType: 'image/webp' },
          document: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    const thumbnail = await get(publicThumbnail);
    expect(thumbnail.headers['cache-control']).toBe('public, max-age=300');
    expect(await sharp(thumbnail.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 400, height: 200 });

    await stack.database.db.user.update({ where: { id: owner.user.id }, data: { suspendedAt: new Date() } });
    expect((await get(publicList)).statusCode).toBe(404);
    expect((await get(publicThumbnail)).statusCode).toBe(404);
  });

  it('ACC-7: a portfolio of someone who is not a specialist, or does not exist, is not found', async () => {
    const client = await registerAndLogin(stack.app);
    expect((await get(`/v1/specialists/${client.user.id}/portfolio`)).statusCode).toBe(404);
    expect((await get('/v1/specialists/00000000-0000-4000-8000-000000000000/portfolio')).statusCode).toBe(404);
    expect((await get('/v1/specialists/not-a-uuid/portfolio')).json().errors[0]).toEqual({ path: 'params.id', message: 'must be a UUID' });
  });
});
