/** The desktop's chooseFolder: the native folder dialog, opened by main, with a mocked `electron`. */
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseFolder } from '../../../main/electron/folder-dialog';
import { dialogCalls } from '../../../main/service/handlers/dialogs';
import type { ServiceContext } from '../../../main/service/types';
import { focusedWindow, openDialog } from '../../mocks/electron';

describe('chooseFolder', () => {
  beforeEach(() => {
    openDialog.asked.length = 0;
    focusedWindow.current = { id: 'win' };
  });

  it('opens a folder dialog (one folder, not files) over the window, starting in the home folder', async () => {
    openDialog.answer = { canceled: false, filePaths: ['/home/learner/projects/shop'] };
    expect(await chooseFolder('Choose the build context folder')).toBe('/home/learner/projects/shop');
    expect(openDialog.asked).toHaveLength(1);
    const [win, options] = openDialog.asked[0] as [unknown, { title: string; defaultPath: string; properties: string[] }];
    expect(win).toEqual({ id: 'win' });
    expect(options.title).toBe('Choose the build context folder');
    expect(options.defaultPath).toBe('/home/learner/home');
    expect(options.properties).toContain('openDirectory');
    expect(options.properties).not.toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
  });

  it('resolves undefined when the user cancels', async () => {
    openDialog.answer = { canceled: true, filePaths: [] };
    expect(await chooseFolder('t')).toBeUndefined();
  });

  it('opens an unparented dialog when there is no window', async () => {
    focusedWindow.current = null;
    openDialog.answer = { canceled: false, filePaths: ['/srv/ctx'] };
    expect(await chooseFolder('t')).toBe('/srv/ctx');
    expect(openDialog.asked[0]).toHaveLength(1);
  });
});

describe('the dialogs handlers (desktop: electron-main gives the service chooseFolder)', () => {
  const ctx = (extra: Partial<ServiceContext>) => ({ engine: {} as ServiceContext['engine'], dataDir: '/nowhere', ...extra }) as ServiceContext;

  it('desktop: build:choose-context answers the folder the user picked in the native dialog, or cancelled', async () => {
    focusedWindow.current = { id: 'win' };
    const calls = dialogCalls(ctx({ chooseFolder, chooseSavePath: async () => undefined }));
    expect(await calls['dialogs:available']({})).toEqual({ chooseFolder: true, chooseSavePath: true });
    openDialog.answer = { canceled: false, filePaths: ['/home/learner/shop'] };
    expect(await calls['build:choose-context']({})).toEqual({ kind: 'chosen', contextPath: '/home/learner/shop' });
    openDialog.answer = { canceled: true, filePaths: [] };
    expect(await calls['build:choose-context']({})).toEqual({ kind: 'cancelled' });
  });

  it('browser mode: no dialog; the typed path stays', async () => {
    openDialog.asked.length = 0;
    const calls = dialogCalls(ctx({ offerDownload: () => '/download/x' }));
    expect(await calls['dialogs:available']({})).toEqual({ chooseFolder: false, chooseSavePath: false });
    expect(await calls['build:choose-context']({})).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/type the folder/) });
    expect(openDialog.asked).toHaveLength(0);
  });
});
