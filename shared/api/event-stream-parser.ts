// Reads a Server-Sent Events stream as it arrives in chunks: each event's `data:` line, whole, once
// its blank line has come. What `serve` writes on /api/events; the desktop app's team-server client
// and the benchmark's clients read it with this (a browser's EventSource does it itself).
export function eventStreamParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (data !== undefined) onData(data.slice('data: '.length));
    }
  };
}
