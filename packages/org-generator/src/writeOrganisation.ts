import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { groupBy } from './random';

/**
 * Writes entities as multi-document YAML files, one series per kind and at
 * most `chunkSize` entities per file, and returns the file paths (usable as
 * catalog `file` locations).
 *
 * @public
 */
export function writeOrganisation(
  dir: string,
  entities: Entity[],
  options: { chunkSize?: number } = {},
): string[] {
  const chunkSize = options.chunkSize ?? 2000;
  fs.mkdirSync(dir, { recursive: true });
  const byKind = groupBy(entities, e => e.kind);
  const files: string[] = [];
  for (const [kind, list] of byKind) {
    for (let i = 0; i < list.length; i += chunkSize) {
      const file = path.join(
        dir,
        `${kind.toLowerCase()}-${String(i / chunkSize + 1).padStart(
          3,
          '0',
        )}.yaml`,
      );
      const text = list
        .slice(i, i + chunkSize)
        .map(e => `---\n${stringify(e)}`)
        .join('');
      fs.writeFileSync(file, text);
      files.push(file);
    }
  }
  return files;
}
