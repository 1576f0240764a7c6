/** The desktop's chooseSavePath: the native dialog, opened by main, with a mocked `electron`. */
import { beforeEach, describe, expect, it } from 'vitest';
import { chooseSavePath } from '../../../main/electron/save-dialog';
import { focusedWindow, saveDialog } from '../../mocks/electron';

describe('chooseSavePath', () => {
  beforeEach(() => {
    saveDialog.asked.length = 0;
    focusedWindow.current = { id: 'win' };
  });

  it('opens the save dialog over the window, proposing the name in Downloads', async () => {
    saveDialog.answer = { canceled: false, filePath: '/home/learner/Downloads/web.log' };
    expect(await chooseSavePath('web-2026.log')).toBe('/home/learner/Downloads/web.log');
    const [win, options] = saveDialog.asked[0] as [unknown, { defaultPath: string }];
    expect(win).toEqual({ id: 'win' });
    expect(options.defaultPath).toBe('/home/learner/Downloads/web-2026.log');
  });

  it('resolves undefined when the user cancels', async () => {
    saveDialog.answer = { canceled: true };
    expect(await chooseSavePath('web.log')).toBeUndefined();
  });

  it('keeps a suggested name inside the Downloads folder', async () => {
    saveDialog.answer = { canceled: true };
    await chooseSavePath('../../.ssh/authorized_keys');
    const [, options] = saveDialog.asked[0] as [unknown, { defaultPath: string }];
    expect(options.defaultPath).toBe('/home/learner/Downloads/authorized_keys');
  });
});
