#!/usr/bin/env bash
# The install guide, tried as an adopter would: a fresh `@backstage/create-app` portal (new
# frontend system, or `legacy` for the classic one), this commit's packed tarballs, exactly the
# edits of docs/install.md (if the guide changes, this script changes), then a type-check.
#
#   ./teamflow yarn pack:all            # the tarballs, once
#   bash scripts/adoption-test.sh new   # or: legacy
#
# Work folder: $TEAMFLOW_ADOPTION_DIR (default /tmp/teamflow-adoption-<mode>).
set -euo pipefail
# The scaffold resolves its lockfile afresh, as an adopter's first install does: not --immutable.
unset CI
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-new}"
dir="${TEAMFLOW_ADOPTION_DIR:-/tmp/teamflow-adoption-$mode}"
packs="$ROOT/dist-packs"
log() { printf '\033[1m[adoption:%s]\033[0m %s\n' "$mode" "$*" >&2; }
start=$(date +%s)

[ -n "$(ls "$packs"/*.tgz 2>/dev/null)" ] || { log "no tarballs in dist-packs/: run yarn pack:all"; exit 1; }

# 1. A fresh portal, as create-app makes it (TEAMFLOW_ADOPTION_REUSE=1: the one already in $dir,
#    installed, for re-running the guide's steps while working on this script).
if [ -z "${TEAMFLOW_ADOPTION_REUSE:-}" ]; then
rm -rf "$dir"
legacy=(); [ "$mode" = legacy ] && legacy=(--legacy)
log "create-app ${legacy[*]:-(new frontend system)}"
BACKSTAGE_APP_NAME=acme npx -y @backstage/create-app@0.9.2 --skip-install --path "$dir" "${legacy[@]}" >/dev/null
cd "$dir"
else
  # The scaffold's first commit, before any of the steps below; tarballs packed again since.
  cd "$dir" && git checkout -q -- .
  export YARN_CHECKSUM_BEHAVIOR=update
fi

# 2. Resolutions: the tarballs of this commit (until the packages are on the registry), the
#    platform pins this registry needs (copied from this repository) and the signals-backend pin
#    (../shared/docs/SETUP.md: a fresh resolve picks a release that breaks backend-defaults 0.18).
node - "$ROOT/package.json" "$packs" <<'EOF'
const fs = require('fs');
const [rootPkg, packs] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const ours = JSON.parse(fs.readFileSync(rootPkg, 'utf8')).resolutions;
const resolutions = { ...pkg.resolutions };
for (const [name, range] of Object.entries(ours)) {
  if (!name.startsWith('@types/')) resolutions[name] = range;
}
resolutions['@backstage/plugin-signals-backend'] = '0.3.19';
// Packages that pin each other exactly, at the versions this repository locks: published minutes
// apart, a fresh resolve can pick one just past the registry's age gate (npmMinimalAgeGate, 3 days)
// while the exact version it pins is still inside it, and the install fails (YN0016, seen on
// 2026-12-04 with @playwright/test 1.65.2 and playwright-core 1.65.2, published 51 minutes apart).
const lock = fs.readFileSync(require('path').join(require('path').dirname(rootPkg), 'yarn.lock'), 'utf8');
for (const name of ['@playwright/test', 'playwright', 'playwright-core']) {
  const found = lock.match(new RegExp(`resolution: "${name.replace(/[/.]/g, '\\$&')}@npm:([^"]+)"`));
  if (found) resolutions[name] = found[1];
}
for (const file of fs.readdirSync(packs).filter(f => f.endsWith('.tgz'))) {
  const name = file.replace(/^@teamflow-/, '@teamflow/').replace(/-\d+\.\d+\.\d+\.tgz$/, '');
  resolutions[name] = `file:${packs}/${file}`;
}
pkg.resolutions = resolutions;
fs.writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
EOF
log "yarn install (a fresh resolve the first time)"
yarn install >/tmp/adoption-$mode-install.log 2>&1 || { tail -30 /tmp/adoption-$mode-install.log; exit 1; }

# Until the packages are on the registry, `yarn add` needs the range (resolved through the
# resolutions above); docs/install.md says so too.
v="@^$(node -p "require('$ROOT/plugins/teamflow/package.json').version")"

# 3. docs/install.md, section 1: backend.
yarn --cwd packages/backend add \
  "@teamflow/plugin-catalog-backend-module-teamflow$v" \
  "@teamflow/plugin-teamflow-backend$v" \
  "@teamflow/plugin-cognitive-load-backend$v" \
  "@teamflow/plugin-tech-debt-backend$v" \
  "@teamflow/plugin-delivery-backend$v" \
  @backstage/plugin-events-backend >/tmp/adoption-$mode-add.log 2>&1 || { tail -20 /tmp/adoption-$mode-add.log; exit 1; }
node - <<'EOF'
const fs = require('fs');
const file = 'packages/backend/src/index.ts';
const lines = [
  "backend.add(import('@teamflow/plugin-catalog-backend-module-teamflow'));",
  "backend.add(import('@teamflow/plugin-teamflow-backend'));",
  "backend.add(import('@teamflow/plugin-cognitive-load-backend'));",
  "backend.add(import('@teamflow/plugin-tech-debt-backend'));",
  "backend.add(import('@backstage/plugin-events-backend'));",
  "backend.add(import('@teamflow/plugin-delivery-backend'));",
];
const src = fs.readFileSync(file, 'utf8');
fs.writeFileSync(file, src.replace('backend.start();', `${lines.join('\n')}\n\nbackend.start();`));
EOF

# 4. Section 2: configuration (the catalog rules, the ingest token, k), plus a team, a persona
#    and a component for the checks.
cat >> app-config.yaml <<'EOF'

# Teamflow (docs/install.md, section 2)
teamflow:
  permission:
    admins: [group:default/guests]
cognitiveLoad:
  minimumResponses: 5
EOF
node - <<'EOF'
const fs = require('fs');
let cfg = fs.readFileSync('app-config.yaml', 'utf8');
cfg = cfg.replace(
  /(\n  rules:\n    - allow: \[[^\]]*\]\n)/,
  '$1    - allow: [Persona, TeamInteraction]\n',
);
cfg = cfg.replace(
  /\nbackend:\n/,
  `\nbackend:\n  auth:\n    externalAccess:\n      - type: static\n        options:\n          token: adoption-ci-token\n          subject: ci-pipelines\n        accessRestrictions:\n          - plugin: delivery\n            permission: delivery.events.ingest\n`,
);
cfg = cfg.replace(
  /\n  locations:\n/,
  `\n  locations:\n    - type: file\n      target: ../../teamflow-example.yaml\n      rules:\n        - allow: [Group, User, Component, Persona, TeamInteraction]\n`,
);
fs.writeFileSync('app-config.yaml', cfg);
EOF
cat > teamflow-example.yaml <<'EOF'
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  title: Payments
  labels:
    teamflow.io/team-type: stream-aligned
  annotations:
    teamflow.io/focus: Take the money, never twice.
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-service
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
---
apiVersion: teamflow.io/v1alpha1
kind: Persona
metadata:
  name: shopper
  title: Shopper
spec:
  type: end-user
  owner: group:default/payments
  lifecycle: validated
  goals: [Pay in one step]
  servedBy: [group:default/payments]
  uses:
    - entityRef: component:default/payments-service
      frequency: weekly
EOF

# 5. Section 3: frontend.
yarn --cwd packages/app add "@teamflow/plugin-teamflow$v" "@teamflow/plugin-teamflow-common$v" \
  "@teamflow/plugin-cognitive-load$v" "@teamflow/plugin-tech-debt$v" "@teamflow/plugin-delivery$v" \
  >/tmp/adoption-$mode-add.log 2>&1 || { tail -20 /tmp/adoption-$mode-add.log; exit 1; }
if [ "$mode" = new ]; then
  node - <<'EOF'
const fs = require('fs');
const file = 'packages/app/src/App.tsx';
let src = fs.readFileSync(file, 'utf8');
src = `import teamflowPlugin, {
  catalogGraphTeamflowRelationsModule,
} from '@teamflow/plugin-teamflow/alpha';
import cognitiveLoadPlugin from '@teamflow/plugin-cognitive-load/alpha';
import techDebtPlugin from '@teamflow/plugin-tech-debt/alpha';
import deliveryPlugin from '@teamflow/plugin-delivery/alpha';
${src}`;
src = src.replace(
  /features: \[/,
  `features: [\n    teamflowPlugin,\n    catalogGraphTeamflowRelationsModule,\n    cognitiveLoadPlugin,\n    techDebtPlugin,\n    deliveryPlugin,`,
);
fs.writeFileSync(file, src);
EOF
else
  node "$ROOT/scripts/adoption-classic-edits.cjs"
fi

# 6. Type-check, as an adopter's CI would.
log "yarn tsc"
yarn tsc

# 7. Section 5: start the portal and look at the three screens in Chromium.
log "yarn start, then the checks in Chromium"
yarn start >/tmp/adoption-$mode-portal.log 2>&1 &
portal=$!
trap 'kill -- -$portal 2>/dev/null || pkill -P $portal 2>/dev/null || true' EXIT
set +e
(cd "$ROOT" && TEAMFLOW_ADOPTION_MODE="$mode" TEAMFLOW_ADOPTION_SHOTS="$ROOT/e2e-screenshots" node scripts/adoption-check.cjs)
checked=$?
set -e
pkill -f "$dir" 2>/dev/null || true
if [ $checked -ne 0 ]; then
  log "checks failed; the portal's log:"
  tail -40 /tmp/adoption-$mode-portal.log
  exit 1
fi
log "done in $(( $(date +%s) - start )) s: $dir"
