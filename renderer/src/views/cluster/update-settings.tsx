import type { ClusterUpdateConfig } from '../../../../main/contract';

/** How a rolling update proceeds: how many tasks at a time, the pause between them, the order, and what a failure does. */
export function UpdateSettings({ value, onChange, prefix }: { value: ClusterUpdateConfig; onChange: (v: ClusterUpdateConfig) => void; prefix: string }) {
  return (
    <fieldset className="update-settings">
      <legend>Rolling updates</legend>
      <label title="0 updates every task at once">
        Tasks at a time
        <input type="number" min={0} max={100} value={value.parallelism} onChange={(e) => onChange({ ...value, parallelism: Number(e.target.value) })} aria-describedby={`${prefix}-par-help`} />
        <small id={`${prefix}-par-help`} className="muted">0 = all at once</small>
      </label>
      <label>
        Delay between (s)
        <input type="number" min={0} max={3600} value={value.delaySeconds} onChange={(e) => onChange({ ...value, delaySeconds: Number(e.target.value) })} />
      </label>
      <label>
        Order
        <select value={value.order} onChange={(e) => onChange({ ...value, order: e.target.value as ClusterUpdateConfig['order'] })}>
          <option value="stop-first">stop-first: stop the old task, then start the new</option>
          <option value="start-first">start-first: start the new task, then stop the old</option>
        </select>
      </label>
      <label>
        If a new task fails
        <select value={value.failureAction} onChange={(e) => onChange({ ...value, failureAction: e.target.value as ClusterUpdateConfig['failureAction'] })}>
          <option value="pause">pause the update</option>
          <option value="rollback">roll back to the previous version</option>
          <option value="continue">continue anyway</option>
        </select>
      </label>
    </fieldset>
  );
}
