/**
 * Pure: semantic versions and the "latest is not your newest version" check. No node: imports,
 * so the renderer's images panel uses it directly.
 */
export interface Semver {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

export function parseSemver(tag: string): Semver | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(tag);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? '' } : null;
}

export function compareSemver(a: Semver, b: Semver): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  // A release sorts after its pre-releases (1.0.0-rc1 < 1.0.0).
  if (a.pre === b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  return a.pre < b.pre ? -1 : 1;
}

/** "localhost:5000/shop/web:1.2" -> ["localhost:5000/shop/web", "1.2"] (the port colon is not a tag). */
export function splitTag(ref: string): [string, string] {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, 'latest'];
}

export interface LatestNotice {
  repository: string;
  latestImageId: string;
  newestTag: string;
  newestImageId: string;
}

/**
 * For each repository that has both `latest` and semver tags: flags it when `latest` is a
 * different image from the highest version tag.
 */
export function latestNotices(images: { id: string; repoTags: string[] }[]): LatestNotice[] {
  const repos = new Map<string, { latest?: string; newest?: { tag: string; v: Semver; id: string } }>();
  for (const img of images) {
    for (const ref of img.repoTags) {
      if (ref === '<none>:<none>') continue;
      const [repo, tag] = splitTag(ref);
      const r = repos.get(repo) ?? {};
      if (tag === 'latest') r.latest = img.id;
      const v = parseSemver(tag);
      if (v && (!r.newest || compareSemver(v, r.newest.v) > 0)) r.newest = { tag, v, id: img.id };
      repos.set(repo, r);
    }
  }
  const out: LatestNotice[] = [];
  for (const [repository, r] of repos) {
    if (r.latest && r.newest && r.latest !== r.newest.id) {
      out.push({ repository, latestImageId: r.latest, newestTag: r.newest.tag, newestImageId: r.newest.id });
    }
  }
  return out.sort((a, b) => a.repository.localeCompare(b.repository));
}

/** The tags a release gets: the version (without a leading v) and, by default, latest. */
export function releaseTags(repository: string, version: string, alsoLatest = true): string[] {
  const v = version.replace(/^v/, '');
  return alsoLatest ? [`${repository}:${v}`, `${repository}:latest`] : [`${repository}:${v}`];
}
