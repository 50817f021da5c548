#!/usr/bin/env bash
# Builds and packs every publishable package (plugins/*) into dist-packs/: exactly the tarballs
# `npm publish` would upload. Used by the release steps (docs/install.md) and by CI, so a package
# that would not pack fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/dist-packs"
rm -rf "$out" && mkdir -p "$out"
# Declarations first: `backstage-cli package build` bundles them from dist-types/.
yarn tsc
# Every non-bundled package (libraries and plugins; not the app or backend).
yarn backstage-cli repo build
yarn workspaces foreach --all --no-private --parallel --jobs 2 pack --out "$out/%s-%v.tgz"
count=$(ls "$out"/*.tgz | wc -l)
echo "packed $count packages into dist-packs/"
