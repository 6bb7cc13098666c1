#!/usr/bin/env bash
# Installs what building and testing partnerd needs: Debian packages (waiting while another apt or dpkg
# holds the lock) and the Python venv with the test oracles. Safe to run again: it skips what is there.
#   scripts/install-deps.sh                 everything the tests need
#   scripts/install-deps.sh --build-only    what building needs
#   scripts/install-deps.sh --packages P…   just these Debian packages (the benchmarks' peers)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
packages=(libsystemd-dev pkg-config systemd strace nginx locales man-db groff-base binutils systemd-container debootstrap chromium prometheus time openssl golang-github-burntsushi-toml-dev postfix dovecot-core)
case "$mode" in
    --build-only) packages=(libsystemd-dev pkg-config) ;;
    --packages) shift; packages=("$@") ;;
esac

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    # Postfix is only a test peer, started by the tests from a config directory of their own: the package is
    # installed without a system configuration (and so starts nothing).
    echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections 2>/dev/null || true
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        if $sudo apt-get -o DPkg::Lock::Timeout=120 update -q >/dev/null \
            && $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
            break
        fi
        if [ "$attempt" -eq 10 ]; then
            echo "install-deps: apt-get could not install ${missing[*]}" >&2
            exit 1
        fi
        echo "install-deps: apt-get failed (lock busy?), retrying in 15 s ($attempt/10)" >&2
        sleep 15
    done
fi

[ "$mode" = "--build-only" ] || [ "$mode" = "--packages" ] && exit 0

# The Python venv with the oracles, rebuilt when Tests/requirements.txt changes.
if [ ! -x .venv/bin/python ] || ! cmp -s Tests/requirements.txt .venv/.requirements 2>/dev/null; then
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -r Tests/requirements.txt
    cp Tests/requirements.txt .venv/.requirements
fi
