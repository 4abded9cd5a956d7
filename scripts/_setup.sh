# Shared set-up for the scripts in this folder: sourced, never run directly.
# Installs what the project needs on a fresh Debian machine and reuses it afterwards:
# Debian packages (only when missing), a .venv, and the package with its pinned dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

need_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "set-up: installing Debian packages: ${missing[*]}" >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

need_npm() {
  # The test-only JavaScript packages (package.json, locked by package-lock.json: axe-core) into
  # node_modules/; Debian's nodejs and npm when npm is missing. Reinstalls when the lock changes.
  command -v npm >/dev/null 2>&1 || need_debs nodejs npm
  local want; want="$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f node_modules/.installed ] || [ "$(cat node_modules/.installed)" != "$want" ]; then
    echo "set-up: installing the locked npm packages (package-lock.json)" >&2
    npm ci --no-audit --no-fund --loglevel=error >&2
    echo "$want" > node_modules/.installed
  fi
}

need_venv() {
  # $1: "" (build, serve, lint) or "test". Installs the locked versions (locks/*.txt, with hashes;
  # refreshed by scripts/lock), then the package itself; reinstalls when the lock file changes.
  local extras="$1" lock="locks/${1:-build}.txt" stamp=".venv/.installed-${1:-build}"
  [ "$extras" = "test" ] && lock="locks/test.txt"
  local want; want="$(cat "$lock" pyproject.toml | sha256sum | cut -c1-16)"
  if [ ! -x .venv/bin/python ]; then
    echo "set-up: creating .venv" >&2
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "set-up: installing the locked Python packages ($lock)" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip>=23,<27" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$lock" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . >&2
    echo "$want" > "$stamp"
    if [ "$extras" = "test" ]; then  # the test lock holds every build package too
      cat locks/build.txt pyproject.toml | sha256sum | cut -c1-16 > .venv/.installed-build
    fi
  fi
  # The package is installed in editable mode; compile it once so commands start fast even where
  # PYTHONDONTWRITEBYTECODE is set (Python still checks each .pyc against its source).
  .venv/bin/python -m compileall -q plugins/handbook >/dev/null 2>&1 || true
  export PATH="$ROOT/.venv/bin:$PATH"
}
