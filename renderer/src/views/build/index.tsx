/** Placeholder until build and publish land. */
export function BuildView() {
  return (
    <section>
      <h1>Build &amp; publish</h1>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
