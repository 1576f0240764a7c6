/** One frame of the engine's multiplexed attach/logs stream (8-byte header: stream, 0, 0, 0, length). */
export function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
}
