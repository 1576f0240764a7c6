/**
 * Handlers of the native-dialog section: in the desktop app main opens the dialog (the
 * `chooseFolder` capability electron-main gives the service, like `chooseSavePath` for logs:save),
 * so the folder comes from the user, never from the renderer. Browser mode has no such capability.
 */
import type { CallHandlers, ServiceContext } from '../types';

type Calls = Pick<CallHandlers, 'dialogs:available' | 'build:choose-context'>;

export function dialogCalls({ chooseSavePath, chooseFolder }: ServiceContext): Calls {
  return {
    'dialogs:available': async () => ({ chooseFolder: chooseFolder !== undefined, chooseSavePath: chooseSavePath !== undefined }),
    'build:choose-context': async () => {
      if (!chooseFolder) return { kind: 'unavailable', message: 'No folder dialog here (browser mode): type the folder\'s absolute path.' };
      const chosen = await chooseFolder('Choose the build context folder');
      return chosen ? { kind: 'chosen', contextPath: chosen } : { kind: 'cancelled' };
    },
  };
}
