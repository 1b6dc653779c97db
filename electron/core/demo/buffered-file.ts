// Appends text to a file in large chunks: metrics files of the large lab are streamed, never held whole.
import fs from 'node:fs';

const FLUSH_AT_CHARS = 256 * 1024;

export class BufferedFileWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingChars = 0;
  bytesWritten = 0;

  constructor(readonly filePath: string) {
    this.fd = fs.openSync(filePath, 'wx');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_AT_CHARS) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const chunk = Buffer.from(this.pending.join(''), 'utf8');
    let offset = 0;
    while (offset < chunk.length) offset += fs.writeSync(this.fd, chunk, offset);
    this.bytesWritten += chunk.length;
    this.pending = [];
    this.pendingChars = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }
}
