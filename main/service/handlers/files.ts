/** Handlers of the file browser (containers and volumes, through the engine's archive API). */
import { dockerCommand, shellQuote } from '../../engine/docker-command';
import { FieldError } from '../../engine/errors';
import { archiveName, listFolder, newDownloadFile, openArchive, readFile, saveArchive, uploadFile } from '../../files/file-browser';
import type { CallHandlers, ServiceContext } from '../types';

type Calls = Pick<CallHandlers, 'files:list' | 'files:read' | 'files:download' | 'files:upload'>;

const MAX_UPLOAD = 8 * 1024 * 1024;

export function filesCalls({ engine, dataDir, chooseSavePath, offerDownload }: ServiceContext): Calls {
  return {
    'files:list': async ({ target, path }) => listFolder(engine.client(), target, path),
    'files:read': async ({ target, path, maxBytes }) => readFile(engine.client(), target, path, maxBytes),
    'files:download': async ({ target, path }) => {
      const docker = engine.client();
      const fileName = archiveName(target, path);
      if (chooseSavePath) {
        // Desktop: the user picks the file in the native dialog main opens.
        const chosen = await chooseSavePath(fileName);
        if (!chosen) return { kind: 'cancelled', command: target.kind === 'container' ? `${dockerCommand('cp', `${target.id}:${path}`, '-')} > ${shellQuote(fileName)}` : '' };
        return { kind: 'saved', ...(await saveArchive(docker, target, path, chosen)) };
      }
      if (offerDownload) {
        // Browser mode: check the path now (errors as data), stream it when the browser asks.
        const probe = await openArchive(docker, target, path);
        probe.stream.destroy();
        await probe.done();
        const url = offerDownload({ fileName, contentType: 'application/x-tar', open: async () => (await openArchive(docker, target, path)).stream });
        return { kind: 'download', url, fileName, command: probe.command };
      }
      return { kind: 'saved', ...(await saveArchive(docker, target, path, newDownloadFile(dataDir, fileName))) };
    },
    'files:upload': async ({ target, folder, name, contentBase64 }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) throw new FieldError('contentBase64', 'is not base64');
      const content = Buffer.from(contentBase64, 'base64');
      if (content.length > MAX_UPLOAD) throw new FieldError('contentBase64', `the file is ${content.length} bytes, more than the 8 MB upload limit`);
      return uploadFile(engine.client(), target, folder, name, content);
    },
  };
}
