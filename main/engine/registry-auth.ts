/**
 * Credentials for a registry, looked up the way the docker CLI does (credential helpers and
 * ~/.docker/config.json). Used by pulls and pushes so a private registry works everywhere.
 * (Filled in by the registries feature; until then, anonymous.)
 */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

/** The registry host of an image reference, as the docker CLI sees it ("docker.io" by default). */
export function registryOf(reference: string): string {
  const first = reference.split('/')[0] ?? '';
  const isHost = reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

export async function resolveRegistryAuth(_registry: string): Promise<RegistryAuth | undefined> {
  return undefined;
}
