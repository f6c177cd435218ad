import { spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { registerSearchAttributes } from '../../infra/register-search-attributes.ts';
import { SEARCH_ATTRIBUTE_NAMES } from '../../infra/search-attributes.ts';
import { temporalCliPath } from '../../infra/temporal-binaries.ts';
import { stopChild, waitUntilServing } from '../../infra/temporal-dev-server.ts';

// A persistent dev server keeps the search attributes it was created with; attributes added
// to the code later must still reach it, or workflows that upsert them hang.
describe('registering search attributes', () => {
  it('adds the ones a server lacks, once', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(temporalCliPath(), [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--log-level',
      'error',
    ]);
    try {
      await waitUntilServing(`127.0.0.1:${port}`, server);
      const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
      try {
        expect((await registerSearchAttributes(connection, 'default')).sort()).toEqual([...SEARCH_ATTRIBUTE_NAMES].sort());
        expect(await registerSearchAttributes(connection, 'default')).toEqual([]);
        const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
        expect(Object.keys(customAttributes ?? {})).toEqual(expect.arrayContaining([...SEARCH_ATTRIBUTE_NAMES]));
      } finally {
        await connection.close();
      }
    } finally {
      await stopChild(server);
    }
  });
});
