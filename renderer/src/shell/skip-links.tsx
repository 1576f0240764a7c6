/** Skip links: the first Tab stops of the page, shown when focused (WCAG 2.4.1). */
export function SkipLinks({ lesson, details }: { lesson: boolean; details: boolean }) {
  const skip = (id: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    // Buttons, not #anchors: the URL hash holds the navigation state.
    const target = document.getElementById(id);
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <nav className="skip-links" aria-label="Skip links">
      <button type="button" onClick={skip('main-content')}>Skip to main content</button>
      {details && <button type="button" onClick={skip('container-details-title')}>Skip to container details</button>}
      {lesson && <button type="button" onClick={skip('lesson-pane')}>Skip to lesson</button>}
    </nav>
  );
}
