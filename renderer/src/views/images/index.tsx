/** Placeholder until the images view lands. */
export function ImagesView() {
  return (
    <section>
      <h1>Images</h1>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
