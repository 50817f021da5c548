import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CatalogTable,
  CatalogTableColumnsFunc,
  CatalogTableRow,
} from '@backstage/plugin-catalog';
import {
  TEAM_TYPE_LABEL,
  TEAMFLOW_RELATIONS,
  formatDay,
  interactionModeTitle,
  sentenceCase,
  teamTypeTitle,
} from '@teamflow/plugin-teamflow-common';

const columns = CatalogTable.columns;

/** A column never shorter than its words: no name stacks one letter a line. */
const readable = <T extends TableColumn<CatalogTableRow>>(
  column: T,
  minWidth: number,
): T => ({
  ...column,
  cellStyle: { minWidth, wordBreak: 'normal', overflowWrap: 'normal' },
  headerStyle: { minWidth, wordBreak: 'normal' },
});

const nameColumn = (kind: string) =>
  readable(columns.createNameColumn({ defaultKind: kind }), 170);

const specText = (
  title: string,
  read: (entity: Entity) => string | undefined,
  minWidth = 110,
): TableColumn<CatalogTableRow> =>
  readable(
    {
      title,
      customSort: (a, b) =>
        (read(a.entity) ?? '').localeCompare(read(b.entity) ?? ''),
      customFilterAndSearch: (query, row) =>
        (read(row.entity) ?? '').toLowerCase().includes(query.toLowerCase()),
      render: ({ entity }) => read(entity) ?? '—',
    },
    minWidth,
  );

const relatedColumn = (
  title: string,
  relationType: string,
  defaultKind: string,
): TableColumn<CatalogTableRow> =>
  readable(
    {
      title,
      render: ({ entity }) => (
        <>
          {(entity.relations ?? [])
            .filter(r => r.type === relationType)
            .map(r => (
              <div key={r.targetRef}>
                <EntityRefLink
                  entityRef={parseEntityRef(r.targetRef)}
                  defaultKind={defaultKind}
                />
              </div>
            ))}
        </>
      ),
    },
    150,
  );

const ownerColumn = () => readable(columns.createOwnerColumn(), 140);
const descriptionColumn = () => columns.createMetadataDescriptionColumn();
const spec = (entity: Entity) => (entity.spec ?? {}) as Record<string, any>;

/**
 * The catalog's columns, fitted to Teamflow's kinds: personas with type,
 * lifecycle, owner and the teams serving them; features with lifecycle,
 * owner and the personas they are aimed at; team interactions with their
 * mode, status and review date; groups with their team type. Other kinds
 * keep Backstage's default columns, each at least as wide as its words.
 * Pass it as `CatalogIndexPage`'s `columns`.
 *
 * @public
 */
export const teamflowCatalogColumns: CatalogTableColumnsFunc = context => {
  const kind =
    context.entities[0]?.kind?.toLocaleLowerCase('en-US') ??
    context.filters.kind?.value;
  switch (kind) {
    case 'persona':
      return [
        columns.createTitleColumn({ hidden: true }),
        nameColumn(kind),
        specText('Type', e => sentenceCase(spec(e).type ?? '')),
        specText('Lifecycle', e => sentenceCase(spec(e).lifecycle ?? '')),
        ownerColumn(),
        relatedColumn('Served by', TEAMFLOW_RELATIONS.servedBy, 'group'),
        descriptionColumn(),
      ];
    case 'feature':
      return [
        columns.createTitleColumn({ hidden: true }),
        nameColumn(kind),
        specText('Lifecycle', e => sentenceCase(spec(e).lifecycle ?? '')),
        ownerColumn(),
        relatedColumn('Aimed at', TEAMFLOW_RELATIONS.targets, 'persona'),
        descriptionColumn(),
      ];
    case 'teaminteraction':
      return [
        columns.createTitleColumn({ hidden: true }),
        nameColumn(kind),
        specText('Mode', e => interactionModeTitle(spec(e).mode ?? '')),
        specText('Status', e => sentenceCase(spec(e).status ?? '')),
        specText('Review by', e =>
          spec(e).reviewBy ? formatDay(spec(e).reviewBy) : undefined,
        ),
        descriptionColumn(),
      ];
    case 'group':
      return [
        columns.createTitleColumn({ hidden: true }),
        nameColumn(kind),
        specText(
          'Team type',
          e =>
            spec(e).type === 'team'
              ? teamTypeTitle(e.metadata.labels?.[TEAM_TYPE_LABEL])
              : undefined,
          130,
        ),
        specText('Group type', e => sentenceCase(spec(e).type ?? '')),
        descriptionColumn(),
      ];
    default:
      return CatalogTable.defaultColumnsFunc(context).map(column =>
        column.field === 'resolved.entityRef' ? readable(column, 170) : column,
      );
  }
};
