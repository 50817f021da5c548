import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OwnerRef } from '../OwnerRef';
import { findOwnershipProblems } from '../../lib/organisation';
import { useOwnedEntities } from './useOrganisation';
import { countByKind } from '../../lib/organisation';
import { Finding } from './Finding';
import { ReadableTable } from '../ReadableTable';

/** Ownership hygiene: entities owned by no team, by a person or by a group that is not a team. */
export function OwnershipHygieneView() {
  const { value, loading, error } = useOwnedEntities();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const problems = findOwnershipProblems(value!.owned, value!.groupRefs);
  return (
    <Finding
      title="Entities whose owner is not a team in the catalog"
      total={problems.length}
      none={`All ${
        value!.owned.length
      } owned entities belong to a Group in the catalog.`}
    >
      <Typography variant="body2" paragraph>
        Ownership should rest with a team: a person leaves, a misspelt group
        owns nothing. Checked {value!.owned.length} owned entities:{' '}
        {countByKind(value!.owned)}. The overview's ownership card counts
        components only.
      </Typography>
      <ReadableTable>
        <Table size="small" aria-label="Ownership problems">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Kind</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Problem</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {problems.map(({ entity, owner, problem }) => (
              <TableRow key={`${entity.kind}:${entity.metadata.name}`}>
                <TableCell>
                  <EntityRefLink entityRef={entity} />
                </TableCell>
                <TableCell>{entity.kind}</TableCell>
                <TableCell>
                  {owner ? <OwnerRef owner={owner} /> : '—'}
                </TableCell>
                <TableCell>{problem}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ReadableTable>
    </Finding>
  );
}
