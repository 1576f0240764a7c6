/** Placeholder until the networks view lands. */
export function NetworksView() {
  return (
    <section>
      <h1>Networks</h1>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
