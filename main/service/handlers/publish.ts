/** Handlers of the "publish" section of the contract (see main/contract.ts). */
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function publishCalls(_ctx: ServiceContext): Partial<CallHandlers> {
  return {};
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function publishSubscriptions(_ctx: ServiceContext): Partial<SubscriptionHandlers> {
  return {};
}
