/** Preparation steps of the "publish" feature (idempotent; touch only what they create). */
import type { PrepareContext } from './prepare-extras';

export const publishPreparations: ((ctx: PrepareContext) => Promise<void>)[] = [];
