import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { ESCROW_EFFECT_KINDS, type EscrowEffect, type EscrowResult } from '../domain/earnings.ts';
import type { MoneyActivities } from '../domain/money-contract.ts';
import { CoreLoop } from './core-loop.ts';
import { holdPaid, openCheckout } from './money-effects.ts';

// The loop of a process whose client pays a captured price to a specialist — the chat
// consultation and the question with bids: on top of CoreLoop it runs the escrow effects
// (checkout, hold, settlement, a complaint's block and reversal, refund) the same way for
// both, feeding their results back to the core, and leaves the process's own effects (notices,
// messages, escalations) and its publishing to the subclass. Drain: run every queued effect in
// order, then publish, until nothing is left.

const isEscrowEffect = (effect: { kind: string }): effect is EscrowEffect =>
  (ESCROW_EFFECT_KINDS as readonly string[]).includes(effect.kind);

export abstract class EscrowLoop<
  State extends { clientId: string; currency: string },
  Stimulus extends { type: string },
  Effect extends { kind: string },
> extends CoreLoop<State, Stimulus, Effect> {
  protected abstract readonly money: MoneyActivities;

  /** The process's own effects: anything that is not an escrow step. */
  protected abstract runOwn(effect: Exclude<Effect, EscrowEffect>): Promise<void>;

  /** Mirrors the state and upserts the search attributes, then marks the version published. */
  abstract publish(): Promise<void>;

  /** Runs queued effects until none is left, then publishes. */
  async drain(): Promise<void> {
    while (!this.idle) {
      for (let effect = this.queue.shift(); effect; effect = this.queue.shift()) {
        await (isEscrowEffect(effect) ? this.runEscrow(effect) : this.runOwn(effect as Exclude<Effect, EscrowEffect>));
      }
      await this.publish();
    }
  }

  /** Every core whose loop this is accepts the escrow results among its stimuli. */
  private feed(result: EscrowResult): void {
    this.apply(result as unknown as Stimulus);
  }

  private async runEscrow(effect: EscrowEffect): Promise<void> {
    const { money, state } = this;
    switch (effect.kind) {
      case 'openPayment': {
        const { paymentId, checkoutUrl } = await openCheckout(money, state, effect);
        this.feed({ type: 'paymentOpened', paymentKey: effect.paymentKey, paymentId, checkoutUrl });
        return;
      }
      case 'hold': {
        const { holdId } = await holdPaid(money, state, { ...effect, holdKey: `${effect.paymentKey}/hold` });
        this.feed({ type: 'holdPlaced', paymentKey: effect.paymentKey, holdId });
        return;
      }
      case 'reverseSettlement':
        return this.reverse(effect);
      case 'settleHold': {
        const { kind: _, ...settlement } = effect;
        await money.settleHold(settlement);
        return;
      }
      case 'blockEarning': {
        const { kind: _, ...block } = effect;
        await money.blockEarning(block);
        return;
      }
      case 'unblockEarning': {
        const { kind: _, ...unblock } = effect;
        await money.unblockEarning(unblock);
        return;
      }
      case 'refundPayment': {
        const { kind: _, ...refund } = effect;
        await money.refundPayment(refund);
        return;
      }
    }
  }

  /**
   * CHAT-5 / QA-9: a refund taken back from the settlement. A refusal for good (the specialist's
   * balance no longer covers it) must not fail the process: the core keeps the earning blocked
   * and escalates to the administration.
   */
  private async reverse(effect: Extract<EscrowEffect, { kind: 'reverseSettlement' }>): Promise<void> {
    const { kind: _, ...reversal } = effect;
    try {
      await this.money.reverseSettlement(reversal);
    } catch (error) {
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) throw error;
      this.feed({ type: 'reversalRefused', holdId: effect.holdId, code: error.cause.type ?? 'UNKNOWN', message: error.cause.message });
      return;
    }
    this.feed({ type: 'settlementReversed', holdId: effect.holdId });
  }
}
