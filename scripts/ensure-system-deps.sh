#!/usr/bin/env bash
# Ensures the system tools the hub, its tests and demos need are installed.
#
# Usage: bash scripts/ensure-system-deps.sh [redis] [sshd] [chromium] [dovecot] [fonts] [mosquitto] ...   (no args = redis)
#
# Checks Node >= 20.19, then each requested tool; installs missing ones with apt-get
# (as root, or via passwordless sudo), otherwise prints the command to run and exits 1.
# Never starts the redis-server, dovecot or mosquitto system services: the hub and the tests start their own.
# Idempotent; prints only one "ok: <tool> <version>" line per tool when all is present.
set -euo pipefail

readonly MIN_NODE_MAJOR=20
readonly MIN_NODE_MINOR=19

usage() {
  echo "usage: bash scripts/ensure-system-deps.sh [redis] [sshd] [chromium] [dovecot] [fonts] [mosquitto] ...  (default: redis)" >&2
}

# --- Node.js -----------------------------------------------------------------
check_node() {
  local version major minor
  if ! command -v node >/dev/null 2>&1; then
    echo "error: Node.js >= ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR} is required but 'node' is not on PATH." >&2
    echo "       Install a current Node LTS (https://nodejs.org, or nvm install --lts)." >&2
    exit 1
  fi
  version="$(node -p 'process.versions.node')"
  IFS=. read -r major minor _ <<<"${version}"
  if (( major < MIN_NODE_MAJOR || (major == MIN_NODE_MAJOR && minor < MIN_NODE_MINOR) )); then
    echo "error: Node.js >= ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR} is required, found ${version} ($(command -v node))." >&2
    echo "       Install a current Node LTS (https://nodejs.org, or nvm install --lts)." >&2
    exit 1
  fi
  echo "ok: node ${version}"
}

# --- tool table ----------------------------------------------------------------
# binary <tool>: the executable that proves the tool is installed
binary() {
  case "$1" in
    redis) echo redis-server ;;
    sshd) echo /usr/sbin/sshd ;;
    chromium) echo /usr/bin/chromium ;;
    dovecot) echo /usr/sbin/dovecot ;;
    fonts) echo /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ;;
    mosquitto) echo /usr/sbin/mosquitto ;;
  esac
}

# packages <tool>: the Debian/Ubuntu packages that provide it
packages() {
  case "$1" in
    redis) echo redis-server ;;
    sshd) echo openssh-server openssh-client ;;
    chromium) echo chromium ;;
    dovecot) echo dovecot-imapd dovecot-core ;;
    fonts) echo fonts-dejavu-core ;;
    # mosquitto-clients (mosquitto_pub, mosquitto_sub) only for poking at a broker by hand.
    mosquitto) echo mosquitto mosquitto-clients ;;
  esac
}

# command -v handles both bare names (PATH lookup) and absolute paths (must be executable)
is_present() {
  # The fonts the order form is printed with are files, not programs.
  if [[ "$1" == fonts ]]; then [[ -f "$(binary fonts)" ]]; return; fi
  command -v "$(binary "$1")" >/dev/null 2>&1 || return 1
  # dovecot-core alone has /usr/sbin/dovecot but no IMAP server: that is dovecot-imapd.
  [[ "$1" != dovecot || -x /usr/lib/dovecot/imap-login ]]
}

# report <tool>: prints "ok: <name> <version>"
report() {
  local tool="$1" bin version=""
  bin="$(binary "${tool}")"
  case "${tool}" in
    redis)
      # "Redis server v=7.0.15 sha=..." -> 7.0.15
      version="$("${bin}" --version 2>/dev/null | sed -n 's/.*v=\([0-9][0-9.]*\).*/\1/p' | head -n1)"
      echo "ok: redis-server ${version:-unknown}"
      ;;
    sshd)
      # sshd has no reliable --version across releases; ask dpkg, fall back to ssh -V.
      version="$(dpkg-query -W -f='${Version}' openssh-server 2>/dev/null || true)"
      if [[ -z "${version}" ]]; then
        version="$(ssh -V 2>&1 | sed -n 's/^OpenSSH_\([^ ,]*\).*/\1/p' | head -n1 || true)"
      fi
      echo "ok: sshd ${version:-unknown}"
      ;;
    chromium)
      version="$("${bin}" --version 2>/dev/null | grep -Eo '[0-9]+(\.[0-9]+)+' | head -n1 || true)"
      echo "ok: chromium ${version:-unknown}"
      ;;
    dovecot)
      # "2.3.19.1 (9b53102964)" -> 2.3.19.1
      version="$("${bin}" --version 2>/dev/null | sed -n 's/^\([0-9][0-9.]*\).*/\1/p' | head -n1 || true)"
      echo "ok: dovecot ${version:-unknown}"
      ;;
    fonts)
      version="$(dpkg-query -W -f='${Version}' fonts-dejavu-core 2>/dev/null || true)"
      echo "ok: fonts-dejavu-core ${version:-present}"
      ;;
    mosquitto)
      # `mosquitto -h` prints "mosquitto version 2.0.11" (and exits 3) -> 2.0.11
      version="$("${bin}" -h 2>&1 | sed -n 's/^mosquitto version \([0-9][0-9.]*\).*/\1/p' | head -n1 || true)"
      echo "ok: mosquitto ${version:-unknown}"
      ;;
  esac
}

# --- arguments -----------------------------------------------------------------
tools=()
if (( $# == 0 )); then
  tools=(redis)
fi
for arg in "$@"; do
  case "${arg}" in
    redis | sshd | chromium | dovecot | fonts | mosquitto)
      [[ " ${tools[*]-} " == *" ${arg} "* ]] || tools+=("${arg}")
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "error: unknown tool '${arg}'" >&2
      usage
      exit 2
      ;;
  esac
done

check_node

missing=()
missing_packages=()
for tool in "${tools[@]}"; do
  if is_present "${tool}"; then
    report "${tool}"
  else
    missing+=("${tool}")
    read -r -a pkgs <<<"$(packages "${tool}")"
    missing_packages+=("${pkgs[@]}")
  fi
done

(( ${#missing[@]} == 0 )) && exit 0

# --- install what is missing ---------------------------------------------------
echo "missing: ${missing[*]} (packages: ${missing_packages[*]})" >&2

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; install these packages with your system's package manager: ${missing_packages[*]}" >&2
  exit 1
fi

SUDO=""
if (( EUID != 0 )); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    echo "error: not root and no passwordless sudo. Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing_packages[*]}" >&2
    exit 1
  fi
fi

# Keep package maintainer scripts from starting services (redis-server would otherwise
# start a system instance on port 6379, dovecot one on port 143, mosquitto one on port
# 1883). policy-rc.d exit code 101 = "action forbidden". An existing policy-rc.d is left alone.
readonly POLICY_RC=/usr/sbin/policy-rc.d
created_policy=0
cleanup() {
  if (( created_policy == 1 )); then
    ${SUDO} rm -f "${POLICY_RC}" || true
  fi
}
trap cleanup EXIT
if [[ ! -e "${POLICY_RC}" ]]; then
  ${SUDO} sh -c "printf '#!/bin/sh\nexit 101\n' > '${POLICY_RC}' && chmod 0755 '${POLICY_RC}'"
  created_policy=1
fi

${SUDO} apt-get update
${SUDO} env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing_packages[@]}"

status=0
for tool in "${missing[@]}"; do
  if is_present "${tool}"; then
    report "${tool}"
  else
    echo "error: ${tool} still missing after installing: $(packages "${tool}")" >&2
    status=1
  fi
done
exit "${status}"
