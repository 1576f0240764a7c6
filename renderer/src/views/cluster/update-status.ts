import type { ClusterService } from '../../../../main/contract';

/** The engine's update state in words a learner can act on. */
export function updateStatusText(s: ClusterService): { text: string; tone: 'ok' | 'busy' | 'bad' | 'none' } {
  const u = s.update;
  if (!u) return { text: 'never updated', tone: 'none' };
  switch (u.state) {
    case 'updating':
      return { text: 'updating: replacing tasks one batch at a time', tone: 'busy' };
    case 'completed':
      return { text: 'update completed', tone: 'ok' };
    case 'paused':
      return { text: `update paused (failure action "pause"): ${u.message}. Fix the image and update again, or roll back.`, tone: 'bad' };
    case 'rollback_started':
      return { text: `rolling back: ${u.message}`, tone: 'busy' };
    case 'rollback_paused':
      return { text: `rollback paused: ${u.message}`, tone: 'bad' };
    case 'rollback_completed':
      return { text: `rolled back: ${u.message}`, tone: /failure|failed/i.test(u.message) ? 'bad' : 'ok' };
    default:
      return { text: `${u.state}${u.message ? `: ${u.message}` : ''}`, tone: 'none' };
  }
}
