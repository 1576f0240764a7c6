/** Handlers of the "practice registry" section of the contract (see main/contract.ts). */
import { practiceStatus, startPractice, stopPractice } from '../../practice-registry/practice-registry';
import type { CallHandlers, ServiceContext } from '../types';

type Calls = Pick<CallHandlers, 'practice:status' | 'practice:start' | 'practice:stop'>;

export function practiceCalls({ engine }: ServiceContext): Calls {
  return {
    'practice:status': async () => practiceStatus(engine.client()),
    'practice:start': async ({ labels }) => startPractice(engine.client(), labels ?? {}),
    'practice:stop': async () => stopPractice(engine.client()),
  };
}
