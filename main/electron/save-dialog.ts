/**
 * The desktop app's `chooseSavePath` capability: main opens the native save dialog over
 * Dockside's window, so the renderer never names a path to write.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, type SaveDialogOptions } from 'electron';

export async function chooseSavePath(suggestedName: string): Promise<string | undefined> {
  const options: SaveDialogOptions = {
    title: 'Save the log',
    defaultPath: path.join(app.getPath('downloads'), path.basename(suggestedName)),
    properties: ['createDirectory'],
  };
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? undefined : result.filePath;
}
