/*
 * docs/install.md section 3a, applied to a `create-app --legacy` portal (run from its root by
 * scripts/adoption-test.sh legacy): the same snippets, inserted where the guide says.
 */
const fs = require('fs');

function edit(file, changes) {
  let src = fs.readFileSync(file, 'utf8');
  for (const [what, apply] of changes) {
    const next = apply(src);
    if (next === src) throw new Error(`${file}: could not ${what}`);
    src = next;
  }
  fs.writeFileSync(file, src);
}
const before = (anchor, text) => src => src.replace(anchor, `${text}${anchor}`);
const after = (anchor, text) => src => src.replace(anchor, `${anchor}${text}`);
const prepend = text => src => `${text}${src}`;

edit('packages/app/src/App.tsx', [
  [
    'import the pages',
    prepend(`import { TeamflowOrganisationPage } from '@teamflow/plugin-teamflow';
import {
  CognitiveLoadOverviewCard,
  CognitiveLoadPage,
} from '@teamflow/plugin-cognitive-load';
import { TechDebtOverviewCard, TechDebtPage } from '@teamflow/plugin-tech-debt';
import { DeliveryOverviewCard, DeliveryPage } from '@teamflow/plugin-delivery';
`),
  ],
  [
    'add the routes',
    before(
      '  </FlatRoutes>',
      `    <Route
      path="/teamflow"
      element={
        <TeamflowOrganisationPage
          overviewCards={{
            cognitiveLoad: <CognitiveLoadOverviewCard />,
            techDebt: <TechDebtOverviewCard />,
            delivery: <DeliveryOverviewCard />,
          }}
        />
      }
    />
    <Route path="/cognitive-load" element={<CognitiveLoadPage />} />
    <Route path="/tech-debt" element={<TechDebtPage />} />
    <Route path="/delivery" element={<DeliveryPage />} />
`,
    ),
  ],
]);

edit('packages/app/src/components/Root/Root.tsx', [
  [
    'import the icons',
    prepend(`import AccountTreeIcon from '@material-ui/icons/AccountTree';
import CognitiveLoadIcon from '@material-ui/icons/EmojiObjects';
import DebtIcon from '@material-ui/icons/AccountBalance';
import FlowIcon from '@material-ui/icons/TrendingUp';
`),
  ],
  [
    'add the sidebar items',
    after(
      '<SidebarItem icon={CreateComponentIcon} to="create" text="Create..." />\n',
      `        <SidebarItem icon={AccountTreeIcon} to="teamflow" text="Organisation" />
        <SidebarItem icon={CognitiveLoadIcon} to="cognitive-load" text="Cognitive load" />
        <SidebarItem icon={DebtIcon} to="tech-debt" text="Tech debt" />
        <SidebarItem icon={FlowIcon} to="delivery" text="Delivery" />
`,
    ),
  ],
]);

const entityPage = 'packages/app/src/components/catalog/EntityPage.tsx';
edit(entityPage, [
  [
    'import the cards',
    prepend(`import {
  EntityPersonaContent,
  EntityServesPersonasCard,
  EntityTeamInteractionContent,
  EntityTeamflowTeamContent,
  isPersona,
  isTeamInteraction,
  isTeamflowTeam,
} from '@teamflow/plugin-teamflow';
import { EntityTeamCognitiveLoadCard } from '@teamflow/plugin-cognitive-load';
import {
  EntityTeamTechDebtCard,
  EntityTeamTechDebtContent,
  EntityTechDebtContent,
} from '@teamflow/plugin-tech-debt';
import {
  EntityDeliveryCard,
  EntityDeliveryContent,
} from '@teamflow/plugin-delivery';
`),
  ],
  [
    'add the team block to the group page',
    src => {
      const at = src.indexOf('const groupPage = (');
      const anchor = '{entityWarningContent}\n';
      const i = src.indexOf(anchor, at) + anchor.length;
      return `${src.slice(0, i)}        <EntitySwitch>
          <EntitySwitch.Case if={isTeamflowTeam}>
            <EntityTeamflowTeamContent />
            <Grid item xs={12} md={4}>
              <EntityTeamCognitiveLoadCard />
            </Grid>
            <Grid item xs={12} md={4}>
              <EntityTeamTechDebtCard />
            </Grid>
            <Grid item xs={12} md={4}>
              <EntityDeliveryCard />
            </Grid>
          </EntitySwitch.Case>
        </EntitySwitch>
${src.slice(i)}`;
    },
  ],
  [
    'add the group tabs',
    src => {
      const at = src.indexOf('const groupPage = (');
      const anchor = '  </EntityLayout>\n);';
      const i = src.indexOf(anchor, at);
      return `${src.slice(
        0,
        i,
      )}    <EntityLayout.Route path="/tech-debt" title="Tech debt" if={isTeamflowTeam}>
      <EntityTeamTechDebtContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/delivery" title="Delivery">
      <EntityDeliveryContent />
    </EntityLayout.Route>
${src.slice(i)}`;
    },
  ],
  [
    'add the service tabs and card',
    src => {
      const at = src.indexOf('const serviceEntityPage = (');
      const anchor = '    <EntityLayout.Route path="/docs" title="Docs">';
      const i = src.indexOf(anchor, at);
      const withTabs = `${src.slice(
        0,
        i,
      )}    <EntityLayout.Route path="/delivery" title="Delivery">
      <EntityDeliveryContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/tech-debt" title="Tech debt">
      <EntityTechDebtContent />
    </EntityLayout.Route>

${src.slice(i)}`;
      return withTabs.replace(
        '      {overviewContent}\n    </EntityLayout.Route>\n\n    <EntityLayout.Route path="/ci-cd"',
        '      <>\n        {overviewContent}\n        <Grid container spacing={3}>\n          <Grid item md={6} xs={12}>\n            <EntityServesPersonasCard />\n          </Grid>\n        </Grid>\n      </>\n    </EntityLayout.Route>\n\n    <EntityLayout.Route path="/ci-cd"',
      );
    },
  ],
  [
    'add the persona and team-interaction pages',
    // In `entityPage` (the component page has a default case of its own).
    src => {
      const at = src.indexOf('export const entityPage = (');
      const anchor =
        '    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>';
      const i = at < 0 ? -1 : src.indexOf(anchor, at);
      if (i < 0) return src;
      return `${src.slice(0, i)}    <EntitySwitch.Case if={isPersona}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <EntityPersonaContent />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isTeamInteraction}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <EntityTeamInteractionContent />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
${src.slice(i)}`;
    },
  ],
]);

edit('packages/app/src/apis.ts', [
  [
    'import the catalog graph API',
    prepend(`import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { createTeamflowCatalogGraphApi } from '@teamflow/plugin-teamflow';
`),
  ],
  [
    'add the catalog graph factory',
    after(
      'export const apis: AnyApiFactory[] = [\n',
      `  createApiFactory({
    api: catalogGraphApiRef,
    deps: {},
    factory: () => createTeamflowCatalogGraphApi(),
  }),
`,
    ),
  ],
]);
console.log('applied docs/install.md section 3a');
