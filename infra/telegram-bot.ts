// Outgoing Telegram messages through the Bot API's sendMessage. The base URL is configurable
// so tests (and a self-hosted Bot API server) can stand in for api.telegram.org.
export interface TelegramSender {
  sendMessage(chatId: string, text: string): Promise<void>;
}

export class TelegramApiError extends Error {
  constructor(
    message: string,
    /** 4xx other than 429 means the request itself is wrong (blocked bot, bad chat): retrying will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'TelegramApiError';
  }
}

export function createTelegramBotSender(options: { apiBaseUrl: string; token: string; timeoutMs?: number }): TelegramSender {
  const url = `${options.apiBaseUrl.replace(/\/$/, '')}/bot${options.token}/sendMessage`;
  return {
    async sendMessage(chatId, text) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: chatId, text: text.slice(0, 4096) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const body = (await response.json().catch(() => ({}))) as { ok?: boolean; description?: string };
      if (!response.ok || body.ok !== true) {
        const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
        throw new TelegramApiError(`Telegram sendMessage failed (${response.status}): ${body.description ?? 'no description'}`, permanent);
      }
    },
  };
}
