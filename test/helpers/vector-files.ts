import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every JSON document under a vectors folder, sorted, without manifests and without the bundled contexts. */
export function* jsonFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== 'contexts') yield* jsonFiles(file);
    } else if (name.endsWith('.json') && name !== 'manifest.json') {
      yield file;
    }
  }
}
