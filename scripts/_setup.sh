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

need_venv() {
  # $1: extras to install ("" or "test"); reinstalls when pyproject.toml changes.
  local extras="$1" stamp=".venv/.installed-${1:-base}"
  local want; want="$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -x .venv/bin/python ]; then
    echo "set-up: creating .venv" >&2
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "set-up: installing Python packages${extras:+ [$extras]}" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip>=23,<27" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}" >&2
    echo "$want" > "$stamp"
    [ "$extras" != "test" ] || echo "$want" > .venv/.installed-base
  fi
  # The package is installed in editable mode; compile it once so commands start fast even where
  # PYTHONDONTWRITEBYTECODE is set (Python still checks each .pyc against its source).
  .venv/bin/python -m compileall -q plugins/handbook >/dev/null 2>&1 || true
  export PATH="$ROOT/.venv/bin:$PATH"
}
