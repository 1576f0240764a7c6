/**
 * Browser-mode downloads (a saved log): a call over the socket registers what to stream and gets
 * back a one-time, short-lived URL; the page navigates to it and the server streams the body with
 * `Content-Disposition: attachment`, so the browser's own download flow picks the file name and
 * asks before replacing anything. The ticket is random, single-use and expires in a minute.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface DownloadOffer {
  /** The name the browser proposes; reduced to safe characters. */
  fileName: string;
  contentType: string;
  /** Opens the body when (and only when) the browser asks for it. */
  open(): Promise<Readable>;
}

const TTL_MS = 60_000;
const MAX_PENDING = 32;

export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, '').slice(0, 200);
  return cleaned || 'download';
}

export class DownloadTickets {
  private readonly pending = new Map<string, { offer: DownloadOffer; expires: number }>();

  /** Registers a download; returns the path to fetch it from (`/download/<ticket>`). */
  offer(offer: DownloadOffer): string {
    this.sweep();
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const ticket = randomBytes(24).toString('base64url');
    this.pending.set(ticket, { offer: { ...offer, fileName: safeFileName(offer.fileName) }, expires: Date.now() + TTL_MS });
    return `/download/${ticket}`;
  }

  /** The offer for a ticket, removed so it cannot be taken twice; undefined when unknown or expired. */
  take(ticket: string): DownloadOffer | undefined {
    this.sweep();
    const entry = this.pending.get(ticket);
    this.pending.delete(ticket);
    return entry?.offer;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, v] of this.pending) if (v.expires < now) this.pending.delete(k);
  }
}
