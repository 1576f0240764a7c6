/**
 * Browser-mode credentials. The printed link carries a one-time code in its fragment (which no
 * browser ever sends to a server); the page trades it, once, for a session secret that it keeps
 * in the tab (memory and sessionStorage, both visible to this origin only) and presents on the
 * WebSocket. A used code is refused, so a link found later in history or a terminal is worthless.
 */
import { randomBytes } from 'node:crypto';
import { tokensEqual } from './security';

/** Unused codes kept at once: the oldest is forgotten when a new one is minted past this. */
const MAX_CODES = 8;
/** Live sessions (tabs) at once: the oldest is dropped past this. */
const MAX_SESSIONS = 64;

const fresh = (): string => randomBytes(24).toString('base64url');

export class BrowserSessions {
  private readonly codes: string[] = [];
  private readonly secrets: string[] = [];

  /** A new one-time code for a printed link. */
  mintCode(): string {
    const code = fresh();
    this.codes.push(code);
    if (this.codes.length > MAX_CODES) this.codes.shift();
    return code;
  }

  /** Trades a one-time code for a new session secret; undefined when the code is unknown or used. */
  exchange(code: unknown): string | undefined {
    if (typeof code !== 'string' || code.length > 256) return undefined;
    const i = this.codes.findIndex((c) => tokensEqual(c, code));
    if (i < 0) return undefined;
    this.codes.splice(i, 1);
    const secret = fresh();
    this.secrets.push(secret);
    if (this.secrets.length > MAX_SESSIONS) this.secrets.shift();
    return secret;
  }

  isSession(secret: unknown): boolean {
    return typeof secret === 'string' && secret.length <= 256 && this.secrets.some((s) => tokensEqual(s, secret));
  }
}
