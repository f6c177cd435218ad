import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { ALLOWED_MEDIA_TYPES, discardUpload, findReadableFile, saveUpload } from '../../../services/platform/files.ts';
import { filesOf } from '../../../services/platform/read-models/files.ts';
import { liveLawyerOf } from '../../../services/orders/commands.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';

const FileView = z.object({
  id: z.string(),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});

type StoredFileRow = { id: string; originalName: string; mediaType: string; sizeBytes: number; sha256: string; createdAt: Date };
const fileView = (file: StoredFileRow): z.infer<typeof FileView> => ({
  id: file.id,
  originalName: file.originalName,
  mediaType: file.mediaType,
  sizeBytes: file.sizeBytes,
  sha256: file.sha256,
  createdAt: file.createdAt.toISOString(),
});

// The multipart parser throws plain errors (no status) for a body the client got wrong: no
// boundary, a truncated part. They are the client's fault, not ours; its own limit errors
// (413, 406) carry a status and pass through.
function malformedMultipart(error: unknown): never {
  if (error instanceof Error && (error as { statusCode?: number }).statusCode === undefined) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The multipart body is malformed: ${error.message}`,
      [{ path: 'file', message: 'malformed' }],
      error,
    );
  }
  throw error;
}

const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, storage, config, temporal } = app.deps;
  const readable = (fileId: string, reader: { userId: string; role: string }) =>
    findReadableFile(db, fileId, reader, (orderId) => liveLawyerOf(temporal, orderId, config.WORKFLOW_QUERY_TIMEOUT_MS));
  const tags = ['files'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/',
    {
      schema: {
        tags,
        security,
        consumes: ['multipart/form-data'],
        description: `Upload one file in the multipart field \`file\`. At most ${config.UPLOAD_MAX_BYTES} bytes; types: ${Object.values(ALLOWED_MEDIA_TYPES).join(', ')}.`,
        headers: IdempotencyHeaders,
        response: { 201: FileView, ...problemResponses(400, 401, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new DomainError('VALIDATION_FAILED', 'Send the file as multipart/form-data in the field `file`.');
      }
      const part = await request.file().catch(malformedMultipart);
      if (!part || part.fieldname !== 'file') {
        throw new DomainError('VALIDATION_FAILED', 'The multipart field `file` is missing.', [{ path: 'file', message: 'required' }]);
      }
      const owner = currentUser(request).userId;
      const saved = await saveUpload(db, storage, owner, { filename: part.filename, stream: part.file }, config.UPLOAD_MAX_BYTES).catch(
        (error: unknown) => {
          if (part.file.errored) malformedMultipart(error);
          throw error;
        },
      );
      const requestHash = hashBody([saved.sha256, saved.originalName]);
      const result = await idempotent(db, request, reply, { status: 201, requestHash }, async () => fileView(saved));
      if (result.replayed) {
        // A retried upload: keep the first copy only.
        await discardUpload(db, storage, saved);
      }
      return result.body;
    },
  );

  app.get(
    '/',
    { schema: { tags, security, querystring: PageQuery, response: { 200: pageOf(FileView), ...problemResponses(400, 401) } } },
    async (request) => {
      const rows = await filesOf(db, currentUser(request).userId, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, fileView);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, security, params: IdParams, response: { 200: FileView, ...problemResponses(400, 401, 404) } } },
    async (request) => fileView(await readable(request.params.id, currentUser(request))),
  );

  app.get(
    '/:id/content',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        response: { 200: z.any().describe("the file's bytes, with its media type"), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const file = await readable(request.params.id, currentUser(request));
      const stream = await storage.read(file.storageKey);
      return reply
        .type(file.mediaType)
        .header('content-length', file.sizeBytes)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
};

export default fileRoutes;
