import {
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePersona } from './usePersona';
import { ChipRow } from '../ChipRow';

/** The systems and components the persona uses, how often and why. @public */
export function PersonaUsesCard() {
  const { uses = [] } = usePersona().spec;
  return (
    <InfoCard title="Uses">
      {uses.length === 0 && (
        <Typography variant="body2">
          No systems or components recorded.
        </Typography>
      )}
      {uses.length > 0 && (
        <List dense aria-label="Systems and components used">
          {uses.map(use => (
            <ListItem key={use.entityRef} disableGutters divider>
              <ListItemText
                secondaryTypographyProps={{
                  component: 'div',
                  style: { whiteSpace: 'normal' },
                }}
                primary={
                  <ChipRow>
                    <EntityRefLink
                      entityRef={use.entityRef}
                      defaultKind="component"
                    />
                    {use.frequency && (
                      <Chip size="small" label={use.frequency} />
                    )}
                  </ChipRow>
                }
                secondary={use.why}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
