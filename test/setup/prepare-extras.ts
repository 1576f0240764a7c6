/**
 * Further preparation steps features add (a Caddy image, a registry...). Each gets the engine
 * client and the installer; each must be idempotent and touch only what it creates.
 */
import type Docker from 'dockerode';
import { networksPreparations } from './prepare-networks';
import { practicePreparations } from './prepare-practice';
import { publishPreparations } from './prepare-publish';

export interface PrepareContext {
  docker: Docker;
  /** Installs Debian packages (throws with a clear message where it cannot). */
  apt(packages: string[]): void;
  canInstall: boolean;
}

export const extraPreparations: ((ctx: PrepareContext) => Promise<void>)[] = [...networksPreparations, ...publishPreparations, ...practicePreparations];
