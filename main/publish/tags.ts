/** Tagging on the engine: `docker tag`, `docker rmi REPO:TAG`, release tags, `docker history`. */
import type Docker from 'dockerode';
import type { HistoryLayer, WithCommand } from '../contract';
import { dockerCommand } from '../engine/docker-command';
import { releaseTags, splitTag } from './latest-check';

export async function addTag(docker: Docker, image: string, tag: string): Promise<WithCommand> {
  const [repo, t] = splitTag(tag);
  await docker.getImage(image).tag({ repo, tag: t });
  return { command: dockerCommand('tag', image, tag) };
}

/** Removes a tag; the engine deletes the image only when this was its last reference. */
export async function removeTag(docker: Docker, tag: string): Promise<WithCommand> {
  await docker.getImage(tag).remove({ noprune: false });
  return { command: dockerCommand('rmi', tag) };
}

export async function tagRelease(docker: Docker, image: string, repository: string, version: string, alsoLatest: boolean): Promise<WithCommand & { tags: string[] }> {
  const tags = releaseTags(repository, version, alsoLatest);
  for (const t of tags) await addTag(docker, image, t);
  return { tags, command: tags.map((t) => dockerCommand('tag', image, t)).join(' && ') };
}

export async function imageHistory(docker: Docker, image: string): Promise<HistoryLayer[]> {
  const rows = (await docker.getImage(image).history()) as { Id: string; CreatedBy: string; Size: number; Created: number; Tags: string[] | null }[];
  return rows.map((r) => ({ id: r.Id, createdBy: r.CreatedBy, size: r.Size, created: r.Created, tags: r.Tags ?? [] }));
}

/** Every local tag of a repository ("localhost:5000/web" -> ["1.0.0", "latest"]). */
export async function localTagsOf(docker: Docker, repository: string): Promise<string[]> {
  const images = await docker.listImages({ filters: { reference: [repository] } });
  const tags = new Set<string>();
  for (const img of images) {
    for (const ref of img.RepoTags ?? []) {
      const [repo, tag] = splitTag(ref);
      if (repo === repository) tags.add(tag);
    }
  }
  return [...tags].sort();
}
