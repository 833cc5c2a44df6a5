/** A Writable that keeps what is written to it, for asserting on a command's output. */
import { Writable } from 'node:stream';

export function captureStream(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}
