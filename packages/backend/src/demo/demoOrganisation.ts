import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Entity } from '@backstage/catalog-model';

/** Repository root, seen from packages/backend/src/demo (used by tests only). */
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../../..');
/** The directory file locations in app-config.yaml are relative to. */
export const backendDir = path.resolve(repoRoot, 'packages/backend');

/** Reads app-config.yaml, the config the portal really starts with. */
export function readAppConfig(): any {
  const text = fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8');
  return parseAllDocuments(text)[0].toJS();
}

/** Every entity in the YAML files under examples/<dir>. */
export function readExampleEntities(dir: string): Entity[] {
  const folder = path.join(repoRoot, 'examples', dir);
  return fs
    .readdirSync(folder)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(folder, f), 'utf8')).map(
        d => d.toJS() as Entity,
      ),
    );
}

/** Number of YAML documents (entities) in a file. */
export function countDocuments(file: string): number {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).length;
}
