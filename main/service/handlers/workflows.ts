/** Handlers of the "workflows" section of the contract (see main/contract.ts). */
import type { CallHandlers, ServiceContext, SubscriptionHandlers } from '../types';

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function workflowsCalls(_ctx: ServiceContext): Partial<CallHandlers> {
  return {};
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function workflowsSubscriptions(_ctx: ServiceContext): Partial<SubscriptionHandlers> {
  return {};
}
