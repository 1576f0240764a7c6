/** Preparation steps of the "networks" feature (idempotent; touch only what they create). */
import type { PrepareContext } from './prepare-extras';

export const networksPreparations: ((ctx: PrepareContext) => Promise<void>)[] = [];
