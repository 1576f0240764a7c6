/**
 * Look inside a container or a volume: folders, text files (up to 1 MB), download as tar,
 * upload into a container folder. Everything goes through the engine's archive API (`docker cp`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, FileContent, FileEntry, FileListing } from '../../../../main/contract';
import { call } from '../../api/client';
import { CommandLine } from '../../components/command-line';
import { ErrorText } from '../../components/error-text';
import { formatBytes } from '../../components/format';
import { VirtualBodies } from '../../components/virtual-rows';
import { useCommandStore } from '../../stores/command-store';

export type FileTarget = { kind: 'container'; id: string } | { kind: 'volume'; name: string };

const join = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);
const parent = (p: string) => (p === '/' ? '/' : p.slice(0, p.lastIndexOf('/')) || '/');

export function FileBrowser({ target, label, initialPath = '/' }: { target: FileTarget; label: string; initialPath?: string }) {
  const [path, setPath] = useState(initialPath);
  const [listing, setListing] = useState<FileListing | null>(null);
  const [file, setFile] = useState<FileContent | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = useRef<HTMLInputElement>(null);

  const open = useCallback(
    async (p: string) => {
      setBusy(true);
      setError(null);
      setNotice(null);
      const r = await call('files:list', { target, path: p });
      setBusy(false);
      if (!r.ok) return setError(r.error);
      setListing(r.value);
      setPath(p);
      setFile(null);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(target)],
  );
  useEffect(() => {
    void open(initialPath);
  }, [open, initialPath]);

  const view = async (e: FileEntry) => {
    setError(null);
    const r = await call('files:read', { target, path: join(path, e.name) });
    if (!r.ok) return setError(r.error);
    setFile(r.value);
  };
  const download = async (p: string) => {
    setNotice(null);
    setError(null);
    const r = await call('files:download', { target, path: p });
    if (!r.ok) return setError(r.error);
    const d = r.value;
    if (d.kind === 'cancelled') return;
    if (d.kind === 'download') {
      // Browser mode: the browser fetches the tar from a one-time link and saves it itself.
      const a = document.createElement('a');
      a.href = d.url;
      a.download = d.fileName;
      a.rel = 'noopener';
      a.click();
      setNotice(`Downloading ${d.fileName}…`);
    } else setNotice(`Saved ${formatBytes(d.bytes)} as ${d.path}`);
    useCommandStore.getState().show(`Downloaded ${p} from ${label}`, d.command);
  };
  const onUpload = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    if (f.size > 8 * 1024 * 1024) return setError({ code: 'invalid-argument', field: 'file', message: `${f.name} is ${formatBytes(f.size)}: the upload limit is 8 MB.` });
    const contentBase64 = await toBase64(f);
    const r = await call('files:upload', { target, folder: path, name: f.name, contentBase64 });
    if (upload.current) upload.current.value = '';
    if (!r.ok) return setError(r.error);
    setNotice(`Uploaded ${f.name} to ${r.value.path}`);
    useCommandStore.getState().show(`Uploaded ${f.name} into ${label}`, r.value.command);
    void open(path);
  };

  const crumbs = path.split('/').filter(Boolean);
  return (
    <div className="file-browser" data-testid="file-browser">
      <div className="wf-row file-toolbar">
        <nav aria-label="Path" className="crumbs">
          <button type="button" className="link" onClick={() => void open('/')}>
            {label}:/
          </button>
          {crumbs.map((c, i) => {
            const p = '/' + crumbs.slice(0, i + 1).join('/');
            return (
              <span key={p}>
                <button type="button" className="link" onClick={() => void open(p)}>
                  {c}
                </button>
                /
              </span>
            );
          })}
        </nav>
        <button type="button" className="small" disabled={path === '/'} onClick={() => void open(parent(path))}>
          Up
        </button>
        <button type="button" className="small" onClick={() => void download(path)}>
          Download folder (.tar)
        </button>
        {target.kind === 'container' && (
          <label className="small upload-label">
            Upload a file here
            <input ref={upload} type="file" aria-label={`Upload a file into ${path}`} onChange={(e) => void onUpload(e.target.files?.[0])} />
          </label>
        )}
        {busy && <span className="muted">Reading…</span>}
      </div>
      <ErrorText error={error} />
      {notice && <p className="ok-text" role="status">{notice}</p>}
      {listing?.truncated && <p className="muted">This folder is very large: only the entries read before the limit are listed.</p>}
      {listing?.via && <p className="muted">Read through a {listing.via}.</p>}
      <div className="file-panes">
        <table className="table files-table" aria-label={`Files in ${path}`}>
          <thead>
            <tr>
              <th>Name</th>
              <th>Size</th>
              <th>Mode</th>
              <th>Modified</th>
              <th />
            </tr>
          </thead>
          {listing?.entries.length === 0 && (
            <tbody>
              <tr>
                <td colSpan={5} className="muted">
                  Empty folder.
                </td>
              </tr>
            </tbody>
          )}
          <VirtualBodies
            items={listing?.entries ?? []}
            columns={5}
            estimate={36}
            keyOf={(e) => e.name}
            render={(e) => (
              <tr key={e.name} data-testid={`file-${e.name}`}>
                <td className="mono">
                  {e.type === 'directory' ? (
                    <button type="button" className="link" onClick={() => void open(join(path, e.name))}>
                      {e.name}/
                    </button>
                  ) : e.type === 'other' ? (
                    e.name
                  ) : (
                    <button type="button" className="link" onClick={() => void view(e)}>
                      {e.name}
                    </button>
                  )}
                  {e.linkTarget && <span className="muted"> → {e.linkTarget}</span>}
                </td>
                <td>{e.type === 'directory' ? '' : formatBytes(e.size)}</td>
                <td className="mono">{e.mode}</td>
                <td>{new Date(e.modified).toLocaleString()}</td>
                <td>
                  <button type="button" className="small" aria-label={`Download ${e.name}`} onClick={() => void download(join(path, e.name))}>
                    Download
                  </button>
                </td>
              </tr>
            )}
          />
        </table>
        {file && (
          <div className="file-view" data-testid="file-view">
            <div className="wf-row">
              <strong className="mono">{file.path}</strong>
              <span className="muted">{formatBytes(file.size)}</span>
              <button type="button" className="small" onClick={() => setFile(null)}>
                Close
              </button>
            </div>
            {file.kind === 'text' ? <pre className="file-text">{file.text}</pre> : <p className="muted">{file.message}</p>}
            <CommandLine command={file.command} />
          </div>
        )}
      </div>
      {listing && !file && <CommandLine command={listing.command} />}
    </div>
  );
}

function toBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });
}
