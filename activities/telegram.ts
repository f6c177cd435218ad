import type { DeliveryActivities } from '../domain/delivery/contract.ts';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../infra/db.ts';
import { TelegramApiError, type TelegramSender } from '../infra/telegram-bot.ts';

// Sends an operator's stored answer to the customer's Telegram chat. Safe to retry: a message
// already marked delivered is skipped. (The Bot API has no idempotency key, so a crash between
// the send and the mark can repeat one message: at least once, never lost.)
export function createTelegramActivities(deps: {
  db: Db;
  telegram?: TelegramSender | undefined;
}): Pick<DeliveryActivities, 'deliverTelegramMessage'> {
  return {
    async deliverTelegramMessage(messageId: string): Promise<'sent' | 'already-sent'> {
      const message = await deps.db.ticketMessage.findUniqueOrThrow({ where: { id: messageId }, include: { ticket: true } });
      if (message.deliveredAt) return 'already-sent';
      if (!deps.telegram || !message.ticket.telegramChatId) {
        throw ApplicationFailure.create({
          type: 'TELEGRAM_NOT_CONFIGURED',
          message: 'No Telegram bot token or chat for this ticket',
          nonRetryable: true,
        });
      }
      try {
        await deps.telegram.sendMessage(message.ticket.telegramChatId, message.body);
      } catch (error) {
        if (error instanceof TelegramApiError && error.permanent) {
          throw ApplicationFailure.create({ type: 'TELEGRAM_REFUSED', message: error.message, nonRetryable: true });
        }
        throw error;
      }
      await deps.db.ticketMessage.update({ where: { id: messageId }, data: { deliveredAt: new Date() } });
      return 'sent';
    },
  };
}
