/**
 * Plain values that belong to the contract and that the renderer needs at run time (to fill a
 * select, say). They live here, free of zod, so the renderer can import them without pulling the
 * schemas into its bundle; `contract.ts` builds its schemas from them. Features import these
 * from here (or their types from the contract): the contract never imports from a feature folder.
 */

/** Load-balancing policies the networks lab offers (Caddy's lb_policy values). */
export const labPolicies = ['round_robin', 'random', 'least_conn', 'first', 'ip_hash'] as const;
export type LabPolicy = (typeof labPolicies)[number];
