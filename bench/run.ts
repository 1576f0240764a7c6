/**
 * `npm run bench [-- stats|logs|subscriptions] [--seconds N] [--containers 10,50] [--lines N]`.
 * Not part of the test suite: figures depend on the machine (and on whatever else the engine is
 * doing). Every container is labelled for this run and removed at the end.
 */
import { benchLogs } from './logs';
import { benchStats } from './stats';
import { benchSubscriptions } from './subscriptions';

const BENCHES: Record<string, () => Promise<void>> = {
  stats: benchStats,
  logs: benchLogs,
  subscriptions: () => benchSubscriptions(),
};

async function main() {
  const picked = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(all[i - 1]?.startsWith('--') && !all[i - 1]!.includes('=')));
  const unknown = picked.filter((p) => !BENCHES[p]);
  if (unknown.length) throw new Error(`Unknown benchmark "${unknown.join(', ')}". Pick from: ${Object.keys(BENCHES).join(', ')}.`);
  for (const name of picked.length ? picked : Object.keys(BENCHES)) await BENCHES[name]!();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
