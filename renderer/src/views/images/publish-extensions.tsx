/**
 * Seams between the images view and the build-and-publish feature, which fills them in:
 * per-image tag actions (add/remove tags, tag a release as x.y.z + latest) and a panel above the
 * list (e.g. "latest does not point at your newest version").
 */
export interface ImageRef {
  id: string;
  repoTags: string[];
}

export function ImageTagActions(_props: { image: ImageRef }) {
  return null;
}

export function ImagesPublishPanel(_props: { images: ImageRef[] }) {
  return null;
}
