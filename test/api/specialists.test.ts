import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCompletedConsultation, recordSpecialistRating } from '../../services/specialists/reputation.ts';
import { isVettedSpecialist, requireVettedSpecialist } from '../../services/specialists/vetting.ts';
import { registerAndLogin } from '../support/factories.ts';
import {
  addService,
  mirroredStatus,
  newAdmin,
  newClient,
  newLawyer,
  payAtCheckout,
  pdfWithPages,
  placed,
  uploadFile,
  type Person,
} from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// Specialists a client can find (CHAT-1): profiles, vetting of credentials through the real
// verification workflow and the admin's decision route, the gate on the lawyers' routes, and
// the public directory's search, filters, sorting and pages.

type Auth = Record<string, string>;
type DirectoryPage = { items: { name: string }[]; nextCursor: string | null };

// A 1×1 PNG: the files API decides the type from these bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let stack: Stack;
let admin: Person;
beforeAll(async () => {
  stack = await startStack();
  admin = await newAdmin(stack);
});
afterAll(async () => stack?.close());

const get = (url: string, headers: Auth = {}) => stack.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Auth, payload: object = {}) => stack.app.inject({ method: 'POST', url, headers, payload });
const put = (url: string, headers: Auth, payload: object) => stack.app.inject({ method: 'PUT', url, headers, payload });

const PROFILE = {
  name: 'Karimova Dilnoza',
  areas: ['family', 'civil'],
  languages: ['uz', 'ru'],
  city: 'Tashkent',
  yearsOfPractice: 8,
  biography: 'Advocate since 2018: divorce, alimony, property division.',
  price: { amount: 15_000_000, currency: 'UZS' },
};

async function saveProfile(person: Person, profile: Record<string, unknown> = {}) {
  const response = await put('/v1/me/specialist-profile', person.auth, { ...PROFILE, ...profile });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: string; listed: boolean; vetting: { status: string; reason: string | null } }>();
}

async function submitCredential(person: Person, kind: string) {
  const documentFileId = await uploadFile(stack, person.auth, await pdfWithPages(1), `${kind}.pdf`);
  const response = await post('/v1/me/verifications', person.auth, { kind, documentFileId });
  expect(response.statusCode, response.body).toBe(202);
  return response.json<{ id: string }>().id;
}

const vettingOf = async (person: Person) =>
  (await get('/v1/me/specialist-profile', person.auth)).json<{ listed: boolean; vetting: { status: string; reason: string | null } }>();

const waitForVetting = (person: Person, status: string) =>
  waitFor(
    () => vettingOf(person),
    (view) => view.vetting.status === status,
  );

describe('vetting through the verification workflow (CHAT-1)', () => {
  it('CHAT-1: a self-registered specialist is unlisted and refused the lawyer queue until an admin approves a diploma', async () => {
    const specialist = await registerAndLogin(stack.app, { role: 'specialist' });
    const saved = await saveProfile(specialist, { name: 'Vetting Approved Person' });
    expect(saved).toMatchObject({ listed: false, vetting: { status: 'not_submitted', reason: null } });
    expect((await get(`/v1/specialists/${specialist.user.id}`)).statusCode).toBe(404);
    const queue = await get('/v1/lawyer/queue', specialist.auth);
    expect(queue.statusCode).toBe(403);
    expect(queue.json()).toMatchObject({
      code: 'SPECIALIST_NOT_VETTED',
      detail:
        "Your credentials are not approved yet: upload a diploma, licence or advocate's certificate and submit it for vetting. " +
        "Until then you are not listed, cannot receive chats and see no client's data (CHAT-1).",
    });

    const requestId = await submitCredential(specialist, 'specialist_diploma');
    expect((await vettingOf(specialist)).vetting.status).toBe('pending');
    expect((await get('/v1/lawyer/queue', specialist.auth)).json()).toMatchObject({ code: 'SPECIALIST_NOT_VETTED' });
    const pending = (await get('/v1/admin/verifications?status=pending&limit=100', admin.auth)).json<{
      items: { id: string; kind: string }[];
    }>();
    expect(pending.items).toContainEqual(expect.objectContaining({ id: requestId, kind: 'specialist_diploma' }));

    const decided = await post(`/v1/admin/verifications/${requestId}/decision`, admin.auth, { decision: 'approve' });
    expect(decided.statusCode, decided.body).toBe(202);
    expect(await waitForVetting(specialist, 'approved')).toMatchObject({ listed: true, vetting: { status: 'approved' } });
    expect(await isVettedSpecialist(stack.database.db, specialist.user.id)).toBe(true);

    const profile = await get(`/v1/specialists/${specialist.user.id}`);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toEqual({
      id: specialist.user.id,
      name: 'Vetting Approved Person',
      photoUrl: null,
      areas: ['family', 'civil'],
      languages: ['uz', 'ru'],
      city: 'Tashkent',
      yearsOfPractice: 8,
      biography: 'Advocate since 2018: divorce, alimony, property division.',
      price: { amount: 15_000_000, currency: 'UZS' },
      rating: { average: 0, count: 0 },
      completedConsultations: 0,
    });
    expect((await get('/v1/lawyer/queue', specialist.auth)).statusCode).toBe(200);
    const mail = await waitFor(
      () => stack.database.db.outboxEmail.findFirst({ where: { recipient: specialist.registration.email } }),
      (email) => email !== null,
    );
    expect(mail?.body).toBe(
      'Your specialist diploma document was approved: your profile is listed in the directory and you can take orders and chats.',
    );
  });

  it("CHAT-1: a rejected advocate's certificate leaves the profile unlisted with the admin's reason shown to the specialist", async () => {
    const specialist = await registerAndLogin(stack.app, { role: 'specialist' });
    await saveProfile(specialist, { name: 'Vetting Rejected Person' });
    const requestId = await submitCredential(specialist, 'advocate_certificate');
    const decided = await post(`/v1/admin/verifications/${requestId}/decision`, admin.auth, {
      decision: 'reject',
      reason: 'The certificate number does not match the bar register.',
    });
    expect(decided.statusCode, decided.body).toBe(202);
    expect(await waitForVetting(specialist, 'rejected')).toMatchObject({
      listed: false,
      vetting: { status: 'rejected', reason: 'The certificate number does not match the bar register.' },
    });
    expect((await get(`/v1/specialists/${specialist.user.id}`)).statusCode).toBe(404);
    const queue = await get('/v1/lawyer/queue', specialist.auth);
    expect(queue.statusCode).toBe(403);
    expect(queue.json<{ detail: string }>().detail).toContain(
      'they were rejected (The certificate number does not match the bar register.); submit them again',
    );
  });

  it('CHAT-1: only specialists submit credentials; a client is told so (422)', async () => {
    const client = await registerAndLogin(stack.app);
    const documentFileId = await uploadFile(stack, client.auth, await pdfWithPages(1), 'diploma.pdf');
    const refused = await post('/v1/me/verifications', client.auth, { kind: 'specialist_licence', documentFileId });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'VERIFICATION_NOT_NEEDED' });
  });

  it('CHAT-1: the chat asks requireVettedSpecialist about the specialist a client wants to reach', async () => {
    const unvetted = await newLawyer(stack, { vetted: false });
    await expect(requireVettedSpecialist(stack.database.db, unvetted.user.id, { audience: 'other' })).rejects.toMatchObject({
      code: 'SPECIALIST_NOT_VETTED',
      status: 403,
      message: 'This specialist is not available: their credentials are not approved (CHAT-1).',
    });
    const vetted = await newLawyer(stack);
    await expect(requireVettedSpecialist(stack.database.db, vetted.user.id)).resolves.toBeUndefined();
    const client = await registerAndLogin(stack.app);
    expect(await isVettedSpecialist(stack.database.db, client.user.id)).toBe(false);
  });
});

describe('the admins’ verification list, by purpose (CHAT-1, ACC-4)', () => {
  it('CHAT-1, ACC-4: specialists’ credentials and clients’ ACC-4 documents are listed apart, or by one kind', async () => {
    const specialist = await registerAndLogin(stack.app, { role: 'specialist' });
    const credential = await submitCredential(specialist, 'specialist_licence');
    const teen = await registerAndLogin(stack.app, { birthDate: DateTime.now().setZone('Asia/Baku').minus({ years: 17 }).toISODate()! });
    const document = await submitCredential(teen, 'court_act_full_capacity'); // the same route takes ACC-4 documents
    const ids = async (query: string) =>
      (await get(`/v1/admin/verifications?limit=100&${query}`, admin.auth)).json<{ items: { id: string }[] }>().items.map((v) => v.id);
    const specialists = await ids('purpose=specialist');
    expect(specialists).toContain(credential);
    expect(specialists).not.toContain(document);
    const accounts = await ids('purpose=account');
    expect(accounts).toContain(document);
    expect(accounts).not.toContain(credential);
    expect(await ids('kind=specialist_licence')).toContain(credential);
    expect(await ids('purpose=account&kind=specialist_licence')).toEqual([]);
    expect((await get('/v1/admin/verifications?purpose=both', admin.auth)).statusCode).toBe(400);
  });
});

describe("the lawyers' routes refuse an unvetted specialist (CHAT-1)", () => {
  it('CHAT-1: a paid order in the queue: the vetted lawyer sees it, the unvetted one gets 403 on the queue, the order, its documents and taking it', async () => {
    const service = await addService(stack, admin.auth, { kind: 'written_advice', price: 100_000 });
    const client = await newClient(stack);
    const order = await placed(stack, client.auth, { serviceId: service.id, form: { question: 'May my landlord keep the deposit?' } });
    await payAtCheckout(stack, order.checkoutUrl);
    await mirroredStatus(stack, order.orderId, 'awaiting_lawyer');

    const vetted = await newLawyer(stack);
    const queue = (await get('/v1/lawyer/queue?limit=100', vetted.auth)).json<{ items: { id: string }[] }>();
    expect(queue.items.map((item) => item.id)).toContain(order.orderId);

    const unvetted = await newLawyer(stack, { vetted: false });
    for (const response of [
      await get('/v1/lawyer/queue', unvetted.auth),
      await get('/v1/lawyer/orders', unvetted.auth),
      await get(`/v1/orders/${order.orderId}`, unvetted.auth),
      await get(`/v1/orders/${order.orderId}/documents`, unvetted.auth),
      await post(`/v1/orders/${order.orderId}/accept`, unvetted.auth),
    ]) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json()).toMatchObject({ code: 'SPECIALIST_NOT_VETTED' });
    }
    const assigned = await post(`/v1/admin/orders/${order.orderId}/assignment`, admin.auth, { lawyerId: unvetted.user.id });
    expect(assigned.statusCode).toBe(400);
    expect(assigned.json()).toMatchObject({ errors: [{ path: 'lawyerId', message: 'not an active, vetted specialist' }] });
    expect((await stack.database.db.order.findUniqueOrThrow({ where: { id: order.orderId } })).lawyerId).toBeNull();
  });
});

describe('profile validation', () => {
  it('answers 404 before the first save, 403 to a client, and 400 with the field for bad input', async () => {
    const specialist = await newLawyer(stack, { vetted: false });
    expect((await get('/v1/me/specialist-profile', specialist.auth)).json()).toMatchObject({ code: 'NOT_FOUND' });
    const client = await registerAndLogin(stack.app);
    expect((await put('/v1/me/specialist-profile', client.auth, PROFILE)).statusCode).toBe(403);

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ biography: 'x'.repeat(1001) }, 'biography'],
      [{ areas: [] }, 'areas'],
      [{ areas: ['astrology'] }, 'areas.0'],
      [{ languages: ['de'] }, 'languages.0'],
      [{ yearsOfPractice: -1 }, 'yearsOfPractice'],
      [{ yearsOfPractice: 2.5 }, 'yearsOfPractice'],
      [{ price: { amount: 10.5, currency: 'UZS' } }, 'price.amount'],
      [{ price: { amount: 1000, currency: 'sum' } }, 'price.currency'],
      [{ name: 'A' }, 'name'],
      [{ city: '' }, 'city'],
    ];
    for (const [change, path] of cases) {
      const response = await put('/v1/me/specialist-profile', specialist.auth, { ...PROFILE, ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      expect(response.json<{ errors: { path: string }[] }>().errors.map((error) => error.path)).toContain(`body.${path}`);
    }
    // The photo must be an image of one's own.
    const pdf = await uploadFile(stack, specialist.auth, await pdfWithPages(1), 'not-a-photo.pdf');
    const notImage = await put('/v1/me/specialist-profile', specialist.auth, { ...PROFILE, photoFileId: pdf });
    expect(notImage.json()).toMatchObject({ status: 400, errors: [{ path: 'photoFileId', message: 'is application/pdf' }] });
    const othersPhoto = await uploadFile(stack, client.auth, PNG, 'me.png');
    const stolen = await put('/v1/me/specialist-profile', specialist.auth, { ...PROFILE, photoFileId: othersPhoto });
    expect(stolen.json()).toMatchObject({ status: 400, errors: [{ path: 'photoFileId', message: 'no such file of yours' }] });
  });

  it('CHAT-1: the photo is public while the specialist is listed', async () => {
    const unvetted = await newLawyer(stack, { vetted: false });
    const photoFileId = await uploadFile(stack, unvetted.auth, PNG, 'portrait.png');
    const saved = await put('/v1/me/specialist-profile', unvetted.auth, { ...PROFILE, photoFileId });
    expect(saved.json()).toMatchObject({ photoFileId, photoUrl: `/v1/specialists/${unvetted.user.id}/photo` });
    expect((await get(`/v1/specialists/${unvetted.user.id}/photo`)).statusCode).toBe(404);

    const vetted = await newLawyer(stack);
    const ownPhoto = await uploadFile(stack, vetted.auth, PNG, 'portrait.png');
    await saveProfile(vetted, { photoFileId: ownPhoto });
    const photo = await get(`/v1/specialists/${vetted.user.id}/photo`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(PNG)).toBe(true);
  });
});

describe('reputation sources', () => {
  it('recordCompletedConsultation counts a consultation once; ratings average to two decimals', async () => {
    const specialist = await newLawyer(stack);
    const db = stack.database.db;
    // Recorded before the profile exists: the profile starts from the sources.
    expect(await recordCompletedConsultation(db, specialist.user.id, 'c-1')).toBe(true);
    await saveProfile(specialist);
    expect(await recordCompletedConsultation(db, specialist.user.id, 'c-1')).toBe(false);
    expect(await recordCompletedConsultation(db, specialist.user.id, 'c-2')).toBe(true);
    expect(await recordSpecialistRating(db, { specialistId: specialist.user.id, sourceKey: 'consultation-c-1', score: 5 })).toBe(true);
    expect(await recordSpecialistRating(db, { specialistId: specialist.user.id, sourceKey: 'consultation-c-1', score: 1 })).toBe(false);
    expect(await recordSpecialistRating(db, { specialistId: specialist.user.id, sourceKey: 'consultation-c-2', score: 4 })).toBe(true);
    expect(await recordSpecialistRating(db, { specialistId: specialist.user.id, sourceKey: 'consultation-c-3', score: 4 })).toBe(true);
    await expect(recordSpecialistRating(db, { specialistId: specialist.user.id, sourceKey: 'x', score: 6 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const profile = (await get(`/v1/specialists/${specialist.user.id}`)).json();
    expect(profile).toMatchObject({ rating: { average: 4.33, count: 3 }, completedConsultations: 2 });
  });
});

describe('the directory (CHAT-1)', () => {
  // Every name carries this tag, so the searches below see only this test's specialists.
  const tag = `Dir${Date.now().toString(36)}`;
  const people: Record<string, Person> = {};

  beforeAll(async () => {
    const profiles: Record<string, Record<string, unknown>> = {
      aziz: {
        name: `Aziz ${tag} Rakhimov`,
        areas: ['criminal'],
        languages: ['uz', 'ru'],
        city: 'Tashkent',
        yearsOfPractice: 20,
        price: { amount: 30_000_000, currency: 'UZS' },
      },
      bahor: {
        name: `Bahor ${tag} Yusupova`,
        areas: ['family', 'inheritance'],
        languages: ['uz'],
        city: 'Samarkand',
        yearsOfPractice: 5,
        price: { amount: 10_000_000, currency: 'UZS' },
      },
      chingiz: {
        name: `Chingiz ${tag} Mammadov`,
        areas: ['tax', 'business'],
        languages: ['az', 'ru', 'en'],
        city: 'Baku',
        yearsOfPractice: 12,
        price: { amount: 5_000, currency: 'AZN' },
      },
      dilfuza: {
        name: `Dilfuza ${tag} Karimova`,
        areas: ['family', 'labour'],
        languages: ['ru', 'uz'],
        city: 'tashkent',
        yearsOfPractice: 1,
        price: { amount: 20_000_000, currency: 'UZS' },
      },
    };
    for (const [key, profile] of Object.entries(profiles)) {
      people[key] = await newLawyer(stack);
      await saveProfile(people[key], profile);
    }
    const db = stack.database.db;
    const rate = (key: string, scores: number[]) =>
      Promise.all(
        scores.map((score, i) => recordSpecialistRating(db, { specialistId: people[key]!.user.id, sourceKey: `${key}-${i}`, score })),
      );
    await rate('aziz', [4, 4]); // 4.00
    await rate('bahor', [5, 5, 4]); // 4.67
    await rate('chingiz', [3]); // 3.00
    for (const id of ['b1', 'b2', 'b3']) await recordCompletedConsultation(db, people.bahor!.user.id, `${tag}-${id}`);
    await recordCompletedConsultation(db, people.aziz!.user.id, `${tag}-a1`);

    // Not listed: an unvetted specialist and a suspended one (ACC-6), both with profiles.
    people.unvetted = await newLawyer(stack, { vetted: false });
    await saveProfile(people.unvetted, { name: `Erkin ${tag} Unvetted` });
    people.suspended = await newLawyer(stack);
    await saveProfile(people.suspended, { name: `Farrukh ${tag} Suspended` });
    const suspended = await post(`/v1/admin/users/${people.suspended.user.id}/suspension`, admin.auth, { reason: 'false diploma data' });
    expect(suspended.statusCode).toBe(200);
  });

  const names = async (query: string) => {
    const response = await get(`/v1/specialists?q=${tag}&limit=100&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: { name: string }[] }>().items.map((item) => item.name.split(' ')[0]);
  };

  it('CHAT-1, ACC-6: lists only approved, unsuspended specialists; the name search ignores case', async () => {
    expect(await names('sort=name')).toEqual(['Aziz', 'Bahor', 'Chingiz', 'Dilfuza']);
    for (const q of [`${tag.toLowerCase()} yusup`, `${tag.toUpperCase()} YUSUP`]) {
      const found = await get(`/v1/specialists?q=${encodeURIComponent(q)}`);
      expect(found.json<{ items: { name: string }[] }>().items.map((item) => item.name)).toEqual([`Bahor ${tag} Yusupova`]);
    }
    expect((await get(`/v1/specialists/${people.suspended!.user.id}`)).statusCode).toBe(404);
    expect((await get(`/v1/specialists/${people.unvetted!.user.id}`)).statusCode).toBe(404);
  });

  it('CHAT-1: filters by area, language, city, minimum rating and maximum price', async () => {
    expect(await names('sort=name&area=family')).toEqual(['Bahor', 'Dilfuza']);
    expect(await names('sort=name&language=en')).toEqual(['Chingiz']);
    expect(await names('sort=name&city=TASHKENT')).toEqual(['Aziz', 'Dilfuza']);
    expect(await names('sort=name&minRating=4')).toEqual(['Aziz', 'Bahor']);
    expect(await names('sort=name&minRating=4.5')).toEqual(['Bahor']);
    expect(await names('sort=name&maxPrice=20000000&currency=UZS')).toEqual(['Bahor', 'Dilfuza']);
    expect(await names('sort=name&area=family&language=ru&city=Tashkent')).toEqual(['Dilfuza']);
    const noCurrency = await get(`/v1/specialists?maxPrice=100`);
    expect(noCurrency.statusCode).toBe(400);
    expect(noCurrency.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'currency' }] });
    expect((await get('/v1/specialists?area=astrology')).statusCode).toBe(400);
    expect((await get('/v1/specialists?minRating=6')).statusCode).toBe(400);
  });

  it('CHAT-1: sorts by rating, price, experience, completed consultations and name', async () => {
    expect(await names('sort=rating')).toEqual(['Bahor', 'Aziz', 'Chingiz', 'Dilfuza']);
    expect(await names('')).toEqual(['Bahor', 'Aziz', 'Chingiz', 'Dilfuza']);
    expect(await names('sort=price&currency=UZS')).toEqual(['Bahor', 'Dilfuza', 'Aziz']);
    expect(await names('sort=experience')).toEqual(['Aziz', 'Chingiz', 'Bahor', 'Dilfuza']);
    expect(await names('sort=consultations&minRating=1')).toEqual(['Bahor', 'Aziz', 'Chingiz']);
    expect(await names('sort=name')).toEqual(['Aziz', 'Bahor', 'Chingiz', 'Dilfuza']);
  });

  it('CHAT-1: pages with a cursor, in every sort, without gaps or repeats', async () => {
    const expected: Record<string, string[]> = {
      rating: ['Bahor', 'Aziz', 'Chingiz', 'Dilfuza'],
      price: ['Chingiz', 'Bahor', 'Dilfuza', 'Aziz'],
      experience: ['Aziz', 'Chingiz', 'Bahor', 'Dilfuza'],
      consultations: ['Bahor', 'Aziz'],
      name: ['Aziz', 'Bahor', 'Chingiz', 'Dilfuza'],
    };
    for (const [sort, want] of Object.entries(expected)) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/v1/specialists?q=${tag}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page: DirectoryPage = (await get(url)).json<DirectoryPage>();
        seen.push(...page.items.map((item) => item.name.split(' ')[0]!));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 5);
      // Consultations: the first two are the ones with any; the ties at 0 follow in id order.
      expect(seen.slice(0, want.length), sort).toEqual(want);
      expect(seen, sort).toHaveLength(4);
      expect(pages, sort).toBe(2);
    }
    const first = (await get(`/v1/specialists?q=${tag}&sort=price&limit=1`)).json<{ nextCursor: string }>();
    const wrongSort = await get(`/v1/specialists?q=${tag}&sort=name&cursor=${first.nextCursor}`);
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'cursor' }] });
  });
});
