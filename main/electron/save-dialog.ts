/**
 * The desktop app's `chooseSavePath` capability: main opens the native save dialog over
 * Dockside's window, so the renderer never names a path to write.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, type SaveDialogOptions } from 'electron';

export async function chooseSavePath(suggestedName: string): Promise<string | undefined> {
  const options: SaveDialogOptions = {
    // The same dialog saves logs and (from the file browser) tar archives.
    title: suggestedName.endsWith('.log') ? 'Save the log' : `Save ${path.basename(suggestedName)}`,
    defaultPath: path.join(app.getPath('downloads'), path.basename(suggestedName)),
    properties: ['createDirectory'],
  };
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? undefined : result.filePath;
}
