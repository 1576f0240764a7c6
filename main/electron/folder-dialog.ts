/**
 * The desktop app's `chooseFolder` capability: main opens the native folder dialog over
 * Dockside's window, so a build context is a folder the user picked, not a path the renderer sent.
 */
import { app, BrowserWindow, dialog, type OpenDialogOptions } from 'electron';

export async function chooseFolder(title: string): Promise<string | undefined> {
  const options: OpenDialogOptions = {
    title,
    buttonLabel: 'Use this folder',
    defaultPath: app.getPath('home'),
    // One folder only; createDirectory is macOS's "New Folder" button (ignored elsewhere).
    properties: ['openDirectory', 'createDirectory'],
  };
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}
