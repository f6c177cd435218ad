import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { pingDatabase } from '../../../services/platform/health.ts';

const Check = z.object({ ok: z.boolean(), detail: z.string().optional() });
const Readiness = z.object({ status: z.enum(['ready', 'not-ready']), checks: z.object({ database: Check, temporal: Check }) });

// /healthz: the process is alive. /readyz: it can do work (database and Temporal answer).
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get('/readyz', { schema: { tags: ['health'], response: { 200: Readiness, 503: Readiness } } }, async (request, reply) => {
    const [database, temporal] = await Promise.all([
      probe(() => pingDatabase(app.deps.db)),
      probe(async () => void (await app.deps.temporal.client.workflowService.getSystemInfo({}))),
    ]);
    const ready = database.ok && temporal.ok;
    if (!ready) request.log.warn({ database, temporal }, 'not ready');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks: { database, temporal } });
  });
};

async function probe(check: () => Promise<void>): Promise<{ ok: boolean; detail?: string }> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref());
  try {
    await Promise.race([check(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error as Error).message.slice(0, 200) };
  }
}

export default healthRoutes;
