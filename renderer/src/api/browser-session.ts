/**
 * Browser mode's session: the printed link holds a one-time code in its fragment (`#code=...`,
 * never sent to any server). We trade it once for a session secret, drop the code from the
 * address bar, and keep the secret in this tab only: in memory, and in sessionStorage so a
 * reload still works. sessionStorage belongs to this exact origin (127.0.0.1 and this port), so
 * a server on another port cannot read it; it is never in a cookie or a URL.
 */

const STORAGE_KEY = 'dockside.session';

/** Why this tab has no session, for the status bar. */
export type SessionProblem = 'no-link' | 'link-used' | 'expired';

let secret: string | null = null;
let problem: SessionProblem | null = null;

export function sessionProblem(): SessionProblem | null {
  return problem;
}

function stored(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the session lives in memory only
  }
}

function store(value: string | null): void {
  try {
    if (value) window.sessionStorage.setItem(STORAGE_KEY, value);
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled: a reload will need a new link
  }
}

async function postSession(body: { code: string } | { secret: string }): Promise<Response | null> {
  try {
    return await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return null;
  }
}

/** The session secret, trading the link's code for one if needed; null when there is none. */
export async function browserSecret(): Promise<string | null> {
  if (secret) return secret;
  const code = /(?:^#|&)code=([A-Za-z0-9_-]{1,256})/.exec(window.location.hash)?.[1];
  if (code) {
    // The code is spent either way: take it out of the address bar and history.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const res = await postSession({ code });
    if (res?.ok) {
      const body = (await res.json()) as { secret?: string };
      if (body.secret) {
        secret = body.secret;
        store(secret);
        problem = null;
        return secret;
      }
    }
  }
  secret = stored();
  if (secret) return secret;
  problem = code ? 'link-used' : (problem ?? 'no-link');
  return null;
}

/** After the socket was refused: true when the session is still good (the server was just away). */
export async function sessionStillValid(): Promise<boolean> {
  if (!secret) return false;
  const res = await postSession({ secret });
  if (res === null || res.ok) return true; // unreachable server: keep trying
  if (res.status === 401) {
    secret = null;
    store(null);
    problem = 'expired';
    return false;
  }
  return true;
}
