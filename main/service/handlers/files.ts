/** Handlers of the file browser (containers and volumes, through the engine's archive API). */
import { FieldError } from '../../engine/errors';
import path from 'node:path';
import { dockerCommand, shellQuote } from '../../engine/docker-command';
import { DownloadLinks } from '../../files/download-links';
import { downloadToFile, listFolder, readFile, uploadFile } from '../../files/file-browser';
import type { CallHandlers, ServiceContext } from '../types';

type Calls = Pick<CallHandlers, 'files:list' | 'files:read' | 'files:download' | 'files:download-link' | 'files:upload'>;

// One set of pending browser downloads per service (the browser server serves them).
const links = new WeakMap<ServiceContext, DownloadLinks>();
export function downloadLinksFor(ctx: ServiceContext): DownloadLinks {
  let l = links.get(ctx);
  if (!l) {
    l = new DownloadLinks();
    links.set(ctx, l);
  }
  return l;
}

const MAX_UPLOAD = 8 * 1024 * 1024;

export function filesCalls(ctx: ServiceContext): Calls {
  const { engine, dataDir } = ctx;
  return {
    'files:list': async ({ target, path }) => listFolder(engine.client(), target, path),
    'files:read': async ({ target, path, maxBytes }) => readFile(engine.client(), target, path, maxBytes),
    'files:download': async ({ target, path, saveTo }) => downloadToFile(engine.client(), target, path, dataDir, saveTo),
    'files:download-link': async ({ target, path: p }) => {
      const id = downloadLinksFor(ctx).create(target, p);
      const fileName = `${path.posix.basename(p) || (target.kind === 'volume' ? target.name : 'root')}.tar`;
      const from = target.kind === 'container' ? `${target.id}:${p}` : `<helper with ${target.name}>:/volume${p}`;
      return { url: `/download/${id}`, fileName, command: `${dockerCommand('cp', from, '-')} > ${shellQuote(fileName)}` };
    },
    'files:upload': async ({ target, folder, name, contentBase64 }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) throw new FieldError('contentBase64', 'is not base64');
      const content = Buffer.from(contentBase64, 'base64');
      if (content.length > MAX_UPLOAD) throw new FieldError('contentBase64', `the file is ${content.length} bytes, more than the 8 MB upload limit`);
      return uploadFile(engine.client(), target, folder, name, content);
    },
  };
}
