import crypto from 'node:crypto';
import fs from 'node:fs';

/** The sha256 of a file's content (hex), read as a stream; `onBytes` sees the bytes hashed so far. */
export async function sha256File(filePath: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    onBytes?.(bytes);
  }
  return hash.digest('hex');
}
