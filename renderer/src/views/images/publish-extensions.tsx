/**
 * Seams between the images view and the build-and-publish feature:
 * per-image tag actions (add/remove tags, tag a release as x.y.z + latest) and a panel above the
 * list ("latest does not point at your newest version", and why that happens).
 */
import { useState } from 'react';
import { latestNotices, splitTag } from '../../../../main/publish/latest-check';
import type { ApiError } from '../../../../main/contract';
import { call } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorText } from '../../components/error-text';
import { shortId } from '../../components/format';
import { useCommandStore } from '../../stores/command-store';
import { useNavStore } from '../../stores/nav-store';

export interface ImageRef {
  id: string;
  repoTags: string[];
}

const realTags = (tags: string[]) => tags.filter((t) => t !== '<none>:<none>');

/** "Tags…" on an image row: add a tag, remove one (confirmed), or tag a release x.y.z + latest. */
export function ImageTagActions({ image }: { image: ImageRef }) {
  const [open, setOpen] = useState(false);
  const [newTag, setNewTag] = useState('');
  const firstRepo = realTags(image.repoTags)[0] ? splitTag(realTags(image.repoTags)[0]!)[0] : '';
  const [repo, setRepo] = useState(firstRepo);
  const [version, setVersion] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const label = realTags(image.repoTags)[0] ?? shortId(image.id);

  const add = async () => {
    setError(null);
    const r = await call('tags:add', { image: image.id, tag: newTag.trim() });
    if (!r.ok) return setError(r.error);
    useCommandStore.getState().show(`Tag ${label}`, r.value.command);
    setNewTag('');
  };
  const release = async () => {
    setError(null);
    const r = await call('tags:release', { image: image.id, repository: repo.trim(), version: version.trim() });
    if (!r.ok) return setError(r.error);
    useCommandStore.getState().show(`Release ${r.value.tags.join(' + ')}`, r.value.command);
    setVersion('');
  };
  const remove = async (tag: string) => {
    setRemoving(null);
    const r = await call('tags:remove', { tag });
    if (!r.ok) return setError(r.error);
    useCommandStore.getState().show(`Remove tag ${tag}`, r.value.command);
  };

  if (!open) {
    return (
      <button type="button" className="small" onClick={() => setOpen(true)} aria-label={`Tags of ${label}`} aria-expanded={false}>
        Tags…
      </button>
    );
  }
  const tags = realTags(image.repoTags);
  return (
    <div className="tag-actions" role="group" aria-label={`Tags of ${label}`}>
      <button type="button" className="small" onClick={() => setOpen(false)} aria-expanded={true} aria-label={`Close tags of ${label}`}>
        Close
      </button>
      <ul className="tag-list">
        {tags.map((t) => (
          <li key={t}>
            <code>{t}</code>{' '}
            <button type="button" className="small danger" onClick={() => setRemoving(t)} aria-label={`Delete tag ${t}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label>
          New tag
          <input value={newTag} onChange={(e) => setNewTag(e.target.value)} placeholder="localhost:5000/app:1.0.0" size={28} />
        </label>
        <button type="submit" className="small" disabled={!newTag.trim()}>
          Add tag
        </button>
      </form>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void release();
        }}
      >
        <label>
          Repository
          <input value={repo} onChange={(e) => setRepo(e.target.value)} size={24} />
        </label>
        <label>
          Version
          <input value={version} onChange={(e) => setVersion(e.target.value)} placeholder="5.4.6" size={8} />
        </label>
        <button type="submit" className="small" disabled={!repo.trim() || !version.trim()}>
          Tag as version + latest
        </button>
      </form>
      <ErrorText error={error} />
      {removing && (
        <ConfirmDialog title={`Remove the tag ${removing}?`} confirmLabel="Remove tag" danger onConfirm={() => void remove(removing)} onCancel={() => setRemoving(null)}>
          <p>
            {tags.length > 1
              ? 'Only the name goes: the image keeps its other tags.'
              : 'This is the image’s last tag, so the image itself is deleted too (unless a container uses it).'}{' '}
            Same as <code>docker rmi {removing}</code>.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Above the images list: repositories whose `latest` is not their newest version tag. */
export function ImagesPublishPanel({ images }: { images: ImageRef[] }) {
  const go = useNavStore((s) => s.go);
  const notices = latestNotices(images);
  return (
    <div className="images-publish-panel">
      {notices.length > 0 && (
        <div className="notice" role="status" data-testid="latest-notice">
          {notices.map((n) => (
            <p key={n.repository}>
              <strong>{n.repository}:latest</strong> is image {shortId(n.latestImageId)}, not your newest version{' '}
              <strong>
                {n.repository}:{n.newestTag}
              </strong>{' '}
              ({shortId(n.newestImageId)}).
            </p>
          ))}
          <p className="muted">
            <code>latest</code> is only the default tag used when none is given; it moves only when someone tags an image with it. Tag each
            release with its version <em>and</em> latest (use “Tags… → Tag as version + latest”), then push with <code>--all-tags</code>.
          </p>
        </div>
      )}
      <button type="button" className="small" onClick={() => go('build')}>
        Build an image…
      </button>
    </div>
  );
}
