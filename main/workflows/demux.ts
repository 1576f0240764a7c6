/**
 * Splits the engine's multiplexed stdout/stderr stream (exec and attach without a TTY): each
 * frame is an 8-byte header (stream type, 3 zero bytes, uint32 big-endian length) and a payload,
 * and frames may be split across chunks. Output is bounded: past `maxBytes` it is cut.
 */
export interface DemuxChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);
  readonly chunks: DemuxChunk[] = [];
  private bytes = 0;
  truncated = false;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  /**
   * With `onChunk`, text is handed over as it arrives (nothing kept, no limit: the receiver
   * bounds it); without, it is collected in `chunks` up to `maxBytes`.
   */
  constructor(
    private readonly maxBytes = 1024 * 1024,
    private readonly onChunk?: (chunk: DemuxChunk) => void,
  ) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const len = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + len) break;
      const stream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      const payload = this.pending.subarray(8, 8 + len);
      this.pending = this.pending.subarray(8 + len);
      this.add(stream, payload);
    }
  }

  private add(stream: 'stdout' | 'stderr', payload: Buffer): void {
    if (this.onChunk) {
      const text = this.decoders[stream].decode(payload, { stream: true });
      if (text) this.onChunk({ stream, text });
      return;
    }
    if (this.truncated) return;
    let data = payload;
    if (this.bytes + data.length > this.maxBytes) {
      data = data.subarray(0, this.maxBytes - this.bytes);
      this.truncated = true;
    }
    this.bytes += data.length;
    const text = this.decoders[stream].decode(data, { stream: true });
    const last = this.chunks[this.chunks.length - 1];
    // Merge neighbours of the same stream so the result stays small.
    if (last && last.stream === stream) last.text += text;
    else if (text) this.chunks.push({ stream, text });
  }
}
