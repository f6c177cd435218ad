import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

// The embedded default for SMTP_URL in development: a real SMTP server on loopback that keeps
// every message as an .eml file under .data/mail, so password-reset links can be followed
// without a mail provider.
export async function startDevMailSink(options: { port: number; dir: string; log: (line: string) => void }) {
  await mkdir(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const file = join(options.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${session.id}.eml`);
        writeFile(file, Buffer.concat(chunks))
          .then(() => options.log(`mail to ${session.envelope.rcptTo.map((r) => r.address).join(', ')} saved in ${file}`))
          .then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
