/** Handlers of the "networks" section of the contract (see main/contract.ts). */
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function networksCalls(_ctx: ServiceContext): Partial<CallHandlers> {
  return {};
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function networksSubscriptions(_ctx: ServiceContext): Partial<SubscriptionHandlers> {
  return {};
}
