/** Handlers of the file browser (containers and volumes, through the engine's archive API). */
import { FieldError } from '../../engine/errors';
import { downloadToFile, listFolder, readFile, uploadFile } from '../../files/file-browser';
import type { CallHandlers, ServiceContext } from '../types';

type Calls = Pick<CallHandlers, 'files:list' | 'files:read' | 'files:download' | 'files:upload'>;

const MAX_UPLOAD = 8 * 1024 * 1024;

export function filesCalls({ engine, dataDir }: ServiceContext): Calls {
  return {
    'files:list': async ({ target, path }) => listFolder(engine.client(), target, path),
    'files:read': async ({ target, path, maxBytes }) => readFile(engine.client(), target, path, maxBytes),
    'files:download': async ({ target, path, saveTo }) => downloadToFile(engine.client(), target, path, dataDir, saveTo),
    'files:upload': async ({ target, folder, name, contentBase64 }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) throw new FieldError('contentBase64', 'is not base64');
      const content = Buffer.from(contentBase64, 'base64');
      if (content.length > MAX_UPLOAD) throw new FieldError('contentBase64', `the file is ${content.length} bytes, more than the 8 MB upload limit`);
      return uploadFile(engine.client(), target, folder, name, content);
    },
  };
}
