/** Placeholder until the stats overview lands. */
export function StatsView() {
  return (
    <section>
      <h1>Stats</h1>
      <p className="muted">Coming soon.</p>
    </section>
  );
}
