/**
 * Browser mode's file downloads: the renderer asks (through the validated contract) for a link,
 * gets a random one-time id, and the browser fetches `/download/<id>` from the app server with
 * its usual token cookie. The link names nothing the page could alter; it expires in a minute
 * and works once.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { openArchive, type FileTarget } from './file-browser';

interface Pending {
  target: FileTarget;
  path: string;
  expires: number;
}

const TTL_MS = 60_000;
const MAX_PENDING = 100;

export class DownloadLinks {
  private readonly pending = new Map<string, Pending>();

  create(target: FileTarget, path: string, now = Date.now()): string {
    for (const [id, p] of this.pending) if (p.expires < now) this.pending.delete(id);
    // Bounded: the oldest link goes first.
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, { target, path, expires: now + TTL_MS });
    return id;
  }

  /** The link's request, once; null when unknown, used or expired. */
  take(id: string, now = Date.now()): Pending | null {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p && p.expires >= now ? p : null;
  }

  async open(docker: Docker, id: string): Promise<{ stream: Readable; fileName: string; done(): Promise<void> } | null> {
    const p = this.take(id);
    return p ? openArchive(docker, p.target, p.path) : null;
  }
}
