/** Placeholder until the volumes view lands. */
export function VolumesView() {
  return (
    <section>
      <h1>Volumes</h1>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
