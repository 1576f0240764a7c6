/** One colour per image, in order of appearance: the old version and the new one never swap colours. */
const PALETTE = ['#5b8def', '#e8912d', '#8e5bd6', '#2aa198', '#d6568c', '#7a8b99'];

export function colourFor(images: string[], image: string): string {
  const i = images.indexOf(image);
  return PALETTE[(i < 0 ? images.length : i) % PALETTE.length]!;
}
