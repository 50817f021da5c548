/*
 * The Teamflow portal backend (new backend system). Each Teamflow capability
 * adds its plugin or module here.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Software templates
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// TechDocs
backend.add(import('@backstage/plugin-techdocs-backend'));

// Sign-in: the guest provider for plain development, and Teamflow's demo
// provider that signs visitors in as one of the demo organisation's users.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(
  import('@teamflow/plugin-auth-backend-module-teamflow-demo-provider'),
);

// Software catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Teamflow's model: Persona and TeamInteraction kinds, team types, relations
backend.add(import('@teamflow/plugin-catalog-backend-module-teamflow'));

// Permission framework with the Teamflow policy (see its README for the rules)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@teamflow/plugin-permission-backend-module-teamflow-policy'),
);

// Search
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
// Teamflow: owners by name, team types searchable, teams and people first
backend.add(import('@teamflow/plugin-search-backend-module-teamflow'));

// User settings, notifications, signals, MCP actions
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@teamflow/plugin-teamflow-backend'));
backend.add(import('@teamflow/plugin-cognitive-load-backend'));
backend.add(import('@teamflow/plugin-tech-debt-backend'));
backend.add(import('@teamflow/plugin-tech-debt-backend-module-sonarqube'));
// Delivery flow: CDEvents API, provider webhooks through the events system
// (HTTP ingress at /api/events/http/{github,gitlab,pagerduty}).
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(import('@backstage/plugin-events-backend-module-gitlab'));
backend.add(import('@teamflow/plugin-events-backend-module-pagerduty'));
backend.add(import('@teamflow/plugin-delivery-backend'));
backend.add(import('@teamflow/plugin-delivery-backend-module-github'));
backend.start();
