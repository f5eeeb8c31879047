#!/usr/bin/env bash
# `npm start`: the one command that sets up this host and starts Arbiter.
#   1. scripts/setup-host.sh   (packages, Docker daemon, node_modules)
#   2. npm run sandbox:image   (runner image + bubblewrap rootfs; seconds when up to date)
#   3. npm run db:deploy, npm run build, npm run serve (each skipped with a note while the
#      app does not define it yet)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "start: $*"; }
has_script() { node -e 'process.exit(require("./package.json").scripts?.[process.argv[1]] ? 0 : 1)' "$1"; }

bash scripts/setup-host.sh || say "setup-host reported problems (see above); continuing"

if [ "$(id -u)" = 0 ]; then
  npm run --silent sandbox:image || { say "runner image build failed"; exit 1; }
elif [ -f /var/lib/arbiter/runner-image.json ]; then
  say "not root: using the runner image recorded in /var/lib/arbiter/runner-image.json"
else
  say "not root and no runner image yet: run 'sudo npm run sandbox:image' once"
fi

for s in db:deploy db:seed build; do
  if has_script "$s"; then
    say "npm run $s"
    npm run --silent "$s" || { say "npm run $s failed"; exit 1; }
  else
    say "skipped npm run $s (not defined yet)"
  fi
done

if has_script serve; then
  say "npm run serve"
  exec npm run --silent serve
fi
say "skipped npm run serve (not defined yet): nothing to start"
