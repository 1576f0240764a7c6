/**
 * Preparation of the practice registry tests: the registry image built locally from Debian's
 * docker-registry binary (the same code path the app takes on a host that has it), labelled as a
 * kept test fixture like the Caddy and web images. No registry is ever pulled.
 */
import { buildLocalRegistryImage, hostRegistryBinary, LOCAL_REGISTRY_IMAGE } from '../../main/practice-registry/registry-image';
import { imageExists } from './images';
import { FIXTURE_LABEL } from '../support/labels';
import type { PrepareContext } from './prepare-extras';

async function ensurePracticeRegistryImage(ctx: PrepareContext): Promise<void> {
  if (await imageExists(ctx.docker, LOCAL_REGISTRY_IMAGE)) return;
  if (!hostRegistryBinary()) ctx.apt(['docker-registry']);
  const binary = hostRegistryBinary();
  if (!binary) throw new Error('docker-registry is needed to build the practice registry image: `sudo apt-get install docker-registry`.');
  await buildLocalRegistryImage(ctx.docker, binary, { [FIXTURE_LABEL]: '1' });
}

export const practicePreparations: ((ctx: PrepareContext) => Promise<void>)[] = [ensurePracticeRegistryImage];
