/** Load-balancing policies the lab offers (Caddy's lb_policy values); schema-free for the renderer. */
export const labPolicies = ['round_robin', 'random', 'least_conn', 'first', 'ip_hash'] as const;
export type LabPolicy = (typeof labPolicies)[number];
