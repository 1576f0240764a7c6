/**
 * Rasterises build/icon.svg, the one source image, into the PNGs electron-builder packs:
 * build/icon.png (1024 px; electron-builder derives the .icns and .ico from it) and the Linux
 * hicolor sizes in build/icons/. Run `npm run icons` after editing the SVG and commit the PNGs,
 * so release machines need no rasteriser. Uses ImageMagick (`convert`, Debian's imagemagick).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const here = path.dirname(fileURLToPath(import.meta.url));

function rasterise(size: number, out: string): void {
  // A high density keeps edges sharp before the resize; -strip keeps the PNGs reproducible.
  execFileSync('convert', ['-background', 'none', '-density', '192', path.join(here, 'icon.svg'), '-resize', `${size}x${size}`, '-strip', `PNG32:${out}`]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.join(here, 'icons'), { recursive: true });
  rasterise(1024, path.join(here, 'icon.png'));
  for (const size of LINUX_ICON_SIZES) rasterise(size, path.join(here, 'icons', `${size}x${size}.png`));
  console.log(`icons: build/icon.png and ${LINUX_ICON_SIZES.length} sizes in build/icons/`);
}
