# Shared by scripts/run and scripts/test: install what is missing, quickly skip what is there.
# Debian/Ubuntu only; other systems get a clear note of what to install by hand.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# System packages for building the desktop app (Tauri 2 on WebKitGTK 4.1).
BUILD_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libdbus-1-dev curl)
# And for testing it: a virtual display, WebKit's WebDriver, a D-Bus session and a keyring.
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver dbus gnome-keyring python3 python3-aiosmtpd)

ensure_packages() {
  local missing=()
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "Not a Debian/Ubuntu system: install the Tauri 2 prerequisites yourself (https://tauri.app/start/prerequisites/), then Node.js 20+ and Rust."
    return 0
  fi
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_toolchains() {
  command -v cargo >/dev/null || { say "Rust is missing: install it with rustup (https://rustup.rs), then run this again."; exit 1; }
  command -v npm >/dev/null || { say "Node.js is missing: install Node.js 20 or newer (with npm), then run this again."; exit 1; }
}

ensure_node_modules() {
  # npm ci only when the lock file changed since the last install.
  local stamp="ui/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ ui/package-lock.json -nt "$stamp" ]; then
    say "Installing the UI's Node packages (npm ci)"
    npm --prefix ui ci --no-audit --no-fund --loglevel=error
  fi
}

build_ui() {
  say "Building the UI"
  npm --prefix ui run build --silent >/dev/null
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    say "Installing tauri-driver (WebDriver for the real app)"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
}
