# Sourced by ./teamflow and .ci/run: puts a suitable Node and Yarn on PATH and manages the
# throwaway PostgreSQL cluster the tests use. Everything it downloads or creates lives under
# .teamflow/ (git-ignored).
TEAMFLOW_HOME="${TEAMFLOW_HOME:-$ROOT/.teamflow}"
TEAMFLOW_NODE_MAJOR=22

teamflow_log() { printf '\033[1m[teamflow]\033[0m %s\n' "$*" >&2; }

# Node 22+ : the system Node when it is new enough, otherwise the node-linux-<arch> package from
# the npm registry (it ships the binary and the headers native modules build against).
teamflow_ensure_node() {
  local major=0
  if command -v node >/dev/null 2>&1; then major="$(node -p 'process.versions.node.split(".")[0]')"; fi
  if [ "$major" -lt "$TEAMFLOW_NODE_MAJOR" ]; then
    local dir="$TEAMFLOW_HOME/node"
    if [ ! -x "$dir/bin/node" ]; then
      command -v npm >/dev/null || { teamflow_log "need npm (or Node $TEAMFLOW_NODE_MAJOR+) to start"; exit 1; }
      local arch; case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
      teamflow_log "system Node is ${major:-missing}; fetching node-linux-$arch@$TEAMFLOW_NODE_MAJOR from the npm registry"
      local tmp; tmp="$(mktemp -d)"
      (cd "$tmp" && npm pack --silent "node-linux-$arch@$TEAMFLOW_NODE_MAJOR" >/dev/null && tar xzf node-linux-*.tgz)
      mkdir -p "$TEAMFLOW_HOME" && rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
    fi
    export PATH="$dir/bin:$PATH"
  fi
  # node-gyp cannot download headers here: build native modules against this Node's own.
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  # Yarn is the release committed in .yarn/releases (no corepack, no global install).
  local bin="$TEAMFLOW_HOME/bin" release
  release="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -1)"
  mkdir -p "$bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" > "$bin/yarn"
  chmod +x "$bin/yarn"
  export PATH="$bin:$PATH"
  teamflow_log "node $(node --version), yarn $(yarn --version)"
}

# Yarn does not read npm's CA settings: where the system's CA bundle is, Node (and so Yarn) trusts
# it too, as npm does (registries behind a TLS-inspecting proxy).
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

teamflow_install() {
  if [ -n "${CI:-}" ]; then yarn install --immutable; else yarn install; fi
}

# The app's production bundle, built once and reused while nothing it is built from changed
# (the app, the plugins, the lockfile).
teamflow_build_app() {
  local stamp="$ROOT/packages/app/dist/.teamflow-built"
  if [ -f "$stamp" ] && [ -z "$(cd "$ROOT" && find packages/app plugins yarn.lock \
      \( -name node_modules -o -name dist -o -name dist-types \) -prune -o \
      -type f -newer "$stamp" -print -quit)" ]; then
    teamflow_log "app bundle is up to date (packages/app/dist)"
    return
  fi
  teamflow_log "building the app bundle (about a minute; reused while sources are unchanged)"
  (cd "$ROOT" && yarn workspace app build)
  touch "$stamp"
}

teamflow_apt_install() {
  if [ "$(id -u)" != 0 ]; then teamflow_log "please install: $*"; exit 1; fi
  [ -n "${TEAMFLOW_APT_UPDATED:-}" ] || { apt-get update -qq; export TEAMFLOW_APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

teamflow_ensure_chromium() {
  [ -x /usr/bin/chromium ] || { teamflow_log "installing Debian's chromium"; teamflow_apt_install chromium; }
}

# A throwaway PostgreSQL cluster on 127.0.0.1 (port 5433 or the next free one) for the database tests. Its connection string
# goes where TestDatabases (@backstage/backend-test-utils) looks for it. The cluster lives in a
# fresh directory under /tmp: as root it runs as the postgres user, who may not be able to enter
# the checkout's directories.
teamflow_start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    teamflow_log "installing Debian's postgresql"; teamflow_apt_install postgresql
  fi
  local bin ver dir port="${TEAMFLOW_PG_PORT:-5433}" run=()
  # The first free port from 5433 up: a cluster left running elsewhere must not break the run.
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
  ver="$(basename "$(dirname "$bin")")"
  dir="$(mktemp -d /tmp/teamflow-pg.XXXXXX)"
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); chown postgres "$dir"; fi
  export TEAMFLOW_PG_CTL="$bin/pg_ctl" TEAMFLOW_PG_DIR="$dir"
  # From / so the postgres user is never left in a directory it cannot enter.
  if ! (cd / && "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
        && "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
          -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=300" start >/dev/null); then
    teamflow_log "PostgreSQL did not start:"; cat "$dir"/*.log >&2 || true
    return 1
  fi
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${ver}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$port"
  export BACKSTAGE_TEST_DISABLE_DOCKER=1 TEAMFLOW_REQUIRE_POSTGRES=1
  teamflow_log "PostgreSQL $ver on 127.0.0.1:$port ($dir)"
}

teamflow_stop_postgres() {
  [ -n "${TEAMFLOW_PG_DIR:-}" ] || return 0
  local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  (cd / && "${run[@]}" "$TEAMFLOW_PG_CTL" -D "$TEAMFLOW_PG_DIR/data" -m fast stop >/dev/null 2>&1) || true
  rm -rf "$TEAMFLOW_PG_DIR"
}
