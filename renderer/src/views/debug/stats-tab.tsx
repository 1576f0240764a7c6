/** The container Stats tab; recharts is fetched the first time the charts are shown (see stats-charts.tsx). */
import { lazyPart } from '../../components/lazy-part';

export const StatsTab = lazyPart(() => import('./stats-charts'), <p className="muted">Loading the charts…</p>, 'the charts');
