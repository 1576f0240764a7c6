/** Help: keyboard shortcuts and the Docker documentation behind every view and lesson. */
import { useEffect } from 'react';
import { NAV_ITEMS } from '../../shell/nav-items';
import { useLessonsStore } from '../lessons/lessons-store';
import { DocsLink } from './docs-link';
import { lessonDocs, TOPIC_DOCS, VIEW_DOCS } from './docs-links';
import { SHORTCUTS } from './shortcuts';

export function HelpView() {
  const lessons = useLessonsStore((s) => s.list);
  useEffect(() => {
    void useLessonsStore.getState().loadList();
  }, []);
  return (
    <section className="view help-view">
      <div className="view-header">
        <h1>Help</h1>
      </div>
      <h2>Keyboard shortcuts</h2>
      <table className="table shortcuts" aria-label="Keyboard shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Docker documentation for each view</h2>
      <ul className="docs-list">
        {NAV_ITEMS.map((n) => (
          <li key={n.id}>
            <strong>{n.label}</strong> — <DocsLink link={VIEW_DOCS[n.id]} prefix="" />
          </li>
        ))}
        {TOPIC_DOCS.map((t) => (
          <li key={t.url}>
            <DocsLink link={t} prefix="" />
          </li>
        ))}
      </ul>
      {lessons && lessons.length > 0 && (
        <>
          <h2>For each lesson</h2>
          <ul className="docs-list">
            {lessons.map((l) => (
              <li key={l.id}>
                <strong>{l.title}</strong> — <DocsLink link={lessonDocs(l.id, l.view)} prefix="" />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
