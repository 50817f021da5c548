import { parseArgs } from 'node:util';
import { generateOrganisation } from './generateOrganisation';
import { writeOrganisation } from './writeOrganisation';

/** `teamflow-generate-org --teams 2000 --components 20000 --out DIR [--seed N] [--no-teamflow-kinds]` */
export function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      teams: { type: 'string', default: '200' },
      components: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'generated-org' },
      'no-teamflow-kinds': { type: 'boolean', default: false },
    },
  });
  const number = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`--${name} must be a positive integer, got ${value}`);
    }
    return n;
  };
  const entities = generateOrganisation({
    teams: number('teams', values.teams!),
    components: number('components', values.components!),
    seed: number('seed', values.seed!),
    teamflowKinds: !values['no-teamflow-kinds'],
  });
  const files = writeOrganisation(values.out!, entities);
  process.stdout.write(
    `Wrote ${entities.length} entities in ${files.length} files to ${values.out}\n`,
  );
}
