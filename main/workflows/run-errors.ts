/**
 * Plain words for what went wrong when running or pulling, said next to the engine's own text
 * (which is always kept: it is what a search engine or a forum knows). Pure: shared by the run
 * dialog and the unit tests.
 */

/** What a learner should understand from a failed `docker run`; null when the engine's words are plain enough. */
export function plainRunError(message: string, image = ''): string | null {
  const port = /(?:Bind for [^\s]*:(\d+) failed|listen (?:tcp|udp)[46]? [^\s]*:(\d+)|0\.0\.0\.0:(\d+))/i.exec(message);
  if (/port is already allocated|address already in use/i.test(message)) {
    const n = port ? (port[1] ?? port[2] ?? port[3]) : undefined;
    return `Host port${n ? ` ${n}` : ''} is already taken by another container or program. Pick another host port, or leave it empty for a random free one.`;
  }
  const name = /container name "?\/?([^"\s]+)"? is already in use/i.exec(message);
  if (name) return `A container called ${name[1]} already exists (running or stopped). Pick another name, leave it empty for a random one, or remove the old container first.`;
  if (/executable file not found|no such file or directory.*exec|exec: "/i.test(message)) {
    const cmd = /exec: "([^"]+)"/.exec(message)?.[1];
    return `The image has no program ${cmd ? `"${cmd}"` : 'by that name'} to start. Check the Command field (it replaces the image's CMD), or leave it empty.`;
  }
  if (/Minimum memory limit/i.test(message)) return 'The memory limit is too small for the engine: give it at least 6 MB.';
  if (/network .* not found/i.test(message)) return 'There is no network by that name on this engine. Create it first (Networks), or pick one from the list.';
  if (/invalid reference format/i.test(message)) return `"${image}" is not a valid image name: lower-case letters, digits and . _ - / only, then an optional :tag.`;
  if (/bind source path does not exist/i.test(message)) return 'The host folder of a bind mount does not exist. Create it first, or use a named volume instead.';
  return null;
}

/** Plain words for a failed pull, with what to do next; always something (a pull failure needs a hint). */
export function plainPullError(message: string, reference: string): string {
  const host = registryHost(reference);
  if (/manifest unknown|not found|does not exist|repository name not known/i.test(message)) {
    return `The registry ${host} has no image ${reference}. Check the name and the tag, then Run again.`;
  }
  if (/unauthorized|authentication required|denied|forbidden/i.test(message)) {
    return `The registry ${host} refused to give ${reference} without a login (or it does not exist). Log in (Build → Registries), or check the name, then Run again.`;
  }
  if (/connection refused|no such host|dial tcp|i\/o timeout|network is unreachable|TLS handshake timeout|server misbehaving|lookup /i.test(message)) {
    return `The engine could not reach the registry ${host}. Is it running, and is the address right? Without internet, only local images and local registries work. Fix it, then Run again.`;
  }
  if (/http: server gave HTTP response to HTTPS client/i.test(message)) {
    return `The registry ${host} speaks plain HTTP, and the engine only allows that for local addresses (or ones listed as insecure registries). Then Run again.`;
  }
  return `The pull of ${reference} failed. Check the name, the tag and the registry, then Run again.`;
}

/** The registry a reference points at, as the engine reads it (Docker Hub when no host is given). */
export function registryHost(reference: string): string {
  const first = reference.split('/')[0] ?? '';
  const hasHost = reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasHost ? first : 'Docker Hub (docker.io)';
}
