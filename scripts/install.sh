#!/usr/bin/env bash
# Installs partnerd: the release binaries (stripped), the systemd unit with ExecStart pointing at
# the installed daemon, the journal catalog, the man pages partnerd(8) and partnerctl(1), shell
# completions for partnerctl, and the sample configuration in /etc/partnerd unless one is there.
# With --uninstall, removes what an install put there.
#
#   scripts/install.sh [--no-build]      (make install)
#   scripts/install.sh --uninstall       (make uninstall)
#   scripts/install.sh --build-only      the release build alone (make test, before the tests that install it)
#
# Settings, from the environment (`make install` passes its variables of the same names):
#   PREFIX   where programs and data go; default /usr/local
#   DESTDIR  a staging root put in front of every path, for packaging; default none (this system)
#   SWIFT    the swift driver; default swift
#   SCRATCH  the release build folder; default .build-release
#   SWIFT_BUILD_FLAGS  extra flags for `swift build -c release`; default --static-swift-stdlib, so
#            that the installed programs do not load the Swift runtime from the toolchain's folder
#   STRIP    the strip program; default strip
# --no-build installs what is already in $SCRATCH/release (built before, e.g. as another user).
#
# Every file and every directory that an install creates is listed in
# $PREFIX/share/partnerd/install-manifest, and --uninstall removes exactly those (a directory only
# when it is empty). Files in /etc/partnerd are not listed: they are the administrator's from the
# moment they exist, so they are never overwritten and never removed. Neither is the daemon's
# state (the ledger, in /var/lib/private/partnerd under the unit's DynamicUser=).
set -euo pipefail

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
case $DESTDIR in "" | /*) ;; *) DESTDIR=$PWD/$DESTDIR ;; esac
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build-release}
SWIFT_BUILD_FLAGS=${SWIFT_BUILD_FLAGS---static-swift-stdlib}
STRIP=${STRIP:-strip}
CONFIG_DIR=/etc/partnerd

usage() {
    echo "usage: scripts/install.sh [--no-build] | scripts/install.sh --uninstall | scripts/install.sh --build-only" >&2
    exit 2
}

mode=install
build=yes
for argument in "$@"; do
    case $argument in
    --no-build) build=no ;;
    --uninstall) mode=uninstall ;;
    --build-only) mode=build ;;
    *) usage ;;
    esac
done

# The prefix ends up in ExecStart= and in sed expressions: keep it to plain path characters.
while [[ $PREFIX == */ && $PREFIX != / ]]; do PREFIX=${PREFIX%/}; done
if [[ ! $PREFIX =~ ^(/[A-Za-z0-9._+-]+)+$ ]] || [[ $PREFIX =~ (^|/)\.\.?(/|$) ]]; then
    echo "install: PREFIX must be an absolute path of letters, digits and ._+- without . or .. parts, not \"$PREFIX\"" >&2
    exit 2
fi
MANIFEST=$PREFIX/share/partnerd/install-manifest

# inside_prefix PATH: whether PATH lies below $PREFIX (what a manifest may name as a file).
inside_prefix() {
    [[ $1 == "$PREFIX"/* && ! $1 =~ (^|/)\.\.?(/|$) ]]
}

# Rebuilds journald's catalog database after a change on this system; a staged install
# (DESTDIR) leaves that to the package's own scripts.
update_catalog() {
    [ -z "$DESTDIR" ] || return 0
    case $PREFIX in
    /usr | /usr/local) ;;
    *)
        echo "note: journalctl reads catalogs only from /usr/lib/systemd/catalog and /usr/local/lib/systemd/catalog;"
        echo "      link $PREFIX/lib/systemd/catalog/partnerd.catalog into one of them for journalctl -x"
        ;;
    esac
    if command -v journalctl >/dev/null && [ "$(id -u)" -eq 0 ]; then
        journalctl --update-catalog && echo "updated the journal catalog (journalctl --update-catalog)"
    else
        echo "note: run journalctl --update-catalog as root so that journalctl -x explains partnerd's entries"
    fi
}

uninstall() {
    local manifest=$DESTDIR$MANIFEST
    if [ ! -f "$manifest" ]; then
        echo "uninstall: no $manifest: nothing was installed with PREFIX=$PREFIX${DESTDIR:+ DESTDIR=$DESTDIR}" >&2
        exit 1
    fi
    if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ] \
        && { systemctl is-active --quiet partnerd.service || systemctl is-enabled --quiet partnerd.service; } 2>/dev/null; then
        echo "uninstall: partnerd.service is running or enabled; run systemctl disable --now partnerd first" >&2
        exit 1
    fi
    local directories=() kind path
    while IFS= read -r line; do
        kind=${line%% *}
        path=${line#* }
        case $kind in
        file)
            if ! inside_prefix "$path"; then
                echo "uninstall: $manifest names $path, outside $PREFIX; left alone" >&2
            elif [ -f "$DESTDIR$path" ] || [ -L "$DESTDIR$path" ]; then
                rm -f -- "$DESTDIR$path"
                echo "removed $DESTDIR$path"
            fi
            ;;
        dir) directories=("$path" ${directories[@]+"${directories[@]}"}) ;;
        esac
    done <"$manifest"
    rm -f -- "$manifest"
    # Deepest first (the manifest lists parents before children); only empty ones, so a directory
    # that holds someone else's files stays; and only those inside the prefix or on the way to it.
    for path in ${directories[@]+"${directories[@]}"}; do
        if ! inside_prefix "$path" && [[ $PREFIX != "$path" && $PREFIX != "$path"/* ]]; then
            echo "uninstall: $manifest names the directory $path, not on the way to $PREFIX; left alone" >&2
        elif [ -d "$DESTDIR$path" ] && rmdir -- "$DESTDIR$path" 2>/dev/null; then
            echo "removed $DESTDIR$path/"
        fi
    done
    [ -e "$DESTDIR$CONFIG_DIR" ] && echo "kept $DESTDIR$CONFIG_DIR: the configuration is yours; remove it by hand when no longer wanted"
    update_catalog
    return 0
}

if [ "$mode" = uninstall ]; then
    uninstall
    exit 0
fi

if [ "$build" = yes ] || [ "$mode" = build ]; then
    # shellcheck disable=SC2086  # the flags are separate words on purpose
    "$SWIFT" build -c release --scratch-path "$SCRATCH" $SWIFT_BUILD_FLAGS
fi
[ "$mode" = build ] && exit 0
built=$SCRATCH/release
for program in partnerd partnerctl; do
    if [ ! -x "$built/$program" ]; then
        echo "install: $built/$program is missing; build it first (or leave out --no-build)" >&2
        exit 1
    fi
done

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

# A previous install's manifest: its directories stay ours, its files that this install does not
# put there again are removed at the end.
previous_files=()
created_dirs=()
if [ -f "$DESTDIR$MANIFEST" ]; then
    while IFS= read -r line; do
        path=${line#* }
        case ${line%% *} in
        file) previous_files+=("$path") ;;
        dir) [ -d "$DESTDIR$path" ] && created_dirs+=("$path") ;;
        esac
    done <"$DESTDIR$MANIFEST"
fi
installed_files=()

# make_dir PATH [keep]: creates PATH and missing parents below $DESTDIR, and records each directory
# it creates, unless told to keep them (the directories of the administrator's files).
make_dir() {
    local path=$1 record=${2:-record}
    [ -d "$DESTDIR$path" ] && return 0
    local parent
    parent=$(dirname "$path")
    [ "$parent" != "$path" ] && make_dir "$parent" "$record"
    mkdir -m 0755 -- "$DESTDIR$path"
    [ "$record" = record ] && created_dirs+=("$path")
    return 0
}

# put MODE SOURCE PATH: installs SOURCE as $DESTDIR/PATH and records it.
put() {
    local mode=$1 source=$2 path=$3
    make_dir "$(dirname "$path")"
    install -m "$mode" -- "$source" "$DESTDIR$path"
    installed_files+=("$path")
    echo "installed $DESTDIR$path"
}

[ -n "$DESTDIR" ] && mkdir -p -- "$DESTDIR"

# The programs, without symbols and debug information.
for program in partnerd partnerctl; do
    cp -- "$built/$program" "$staging/$program"
    "$STRIP" "$staging/$program"
    put 0755 "$staging/$program" "$PREFIX/bin/$program"
done

# The committed unit names /usr/local/bin/partnerd; point it at this prefix.
sed "s#^ExecStart=/usr/local/bin/partnerd\\( \\|\$\\)#ExecStart=$PREFIX/bin/partnerd\\1#" \
    systemd/partnerd.service >"$staging/partnerd.service"
if ! grep -q "^ExecStart=$PREFIX/bin/partnerd\\( \\|\$\\)" "$staging/partnerd.service"; then
    echo "install: systemd/partnerd.service has no ExecStart=/usr/local/bin/partnerd line to rewrite" >&2
    exit 1
fi
put 0644 "$staging/partnerd.service" "$PREFIX/lib/systemd/system/partnerd.service"
put 0644 systemd/partnerd.catalog "$PREFIX/lib/systemd/catalog/partnerd.catalog"

# Man pages, from the programs' own argument definitions.
python3 scripts/manpage.py "$built/partnerd" 8 --prefix "$PREFIX" >"$staging/partnerd.8"
python3 scripts/manpage.py "$built/partnerctl" 1 --prefix "$PREFIX" >"$staging/partnerctl.1"
put 0644 "$staging/partnerd.8" "$PREFIX/share/man/man8/partnerd.8"
put 0644 "$staging/partnerctl.1" "$PREFIX/share/man/man1/partnerctl.1"

# Completions, where bash-completion, zsh and fish look under a prefix.
"$built/partnerctl" --generate-completion-script bash >"$staging/partnerctl.bash"
"$built/partnerctl" --generate-completion-script zsh >"$staging/_partnerctl"
"$built/partnerctl" --generate-completion-script fish >"$staging/partnerctl.fish"
put 0644 "$staging/partnerctl.bash" "$PREFIX/share/bash-completion/completions/partnerctl"
put 0644 "$staging/_partnerctl" "$PREFIX/share/zsh/site-functions/_partnerctl"
put 0644 "$staging/partnerctl.fish" "$PREFIX/share/fish/vendor_completions.d/partnerctl.fish"

# The sample configuration, only where there is none: sample files next to an existing config
# would change it, since partnerd.toml includes every partnerships.d/*.toml. World-readable,
# because the unit's DynamicUser= account owns nothing in /etc.
if [ -e "$DESTDIR$CONFIG_DIR/partnerd.toml" ]; then
    echo "kept $DESTDIR$CONFIG_DIR: it has a partnerd.toml, so the sample configuration is not installed"
else
    make_dir "$CONFIG_DIR/partnerships.d" keep
    for source in Config/partnerd.toml Config/partnerships.d/*.toml; do
        target=$CONFIG_DIR/${source#Config/}
        if [ -e "$DESTDIR$target" ]; then
            echo "kept $DESTDIR$target"
        else
            install -m 0644 -- "$source" "$DESTDIR$target"
            echo "installed $DESTDIR$target (sample configuration)"
        fi
    done
fi

# The group whose members may use partnerctl status and reload (the unit gives it the control socket).
# Like /etc/partnerd it is the administrator's once it exists: uninstall keeps it. A staged install
# (DESTDIR) creates it only in a staged root that has an /etc/group, such as a container's.
OPERATORS=partnerd-operators
if [ -z "$DESTDIR" ] || [ -f "$DESTDIR/etc/group" ]; then
    if grep -q "^$OPERATORS:" "$DESTDIR/etc/group" 2>/dev/null; then
        echo "kept the group $OPERATORS"
    elif groupadd ${DESTDIR:+--root "$DESTDIR"} --system "$OPERATORS"; then
        echo "created the group $OPERATORS: add operators with usermod -aG $OPERATORS NAME"
    else
        echo "install: could not create the group $OPERATORS; create it before starting partnerd" >&2
        exit 1
    fi
fi

# Files of an earlier install that this one no longer has.
for old in ${previous_files[@]+"${previous_files[@]}"}; do
    [ "$old" = "$MANIFEST" ] && continue
    case " ${installed_files[*]} " in *" $old "*) continue ;; esac
    if inside_prefix "$old" && [ -f "$DESTDIR$old" ]; then
        rm -f -- "$DESTDIR$old"
        echo "removed $DESTDIR$old (left by an earlier install)"
    fi
done

make_dir "$(dirname "$MANIFEST")"
{
    for directory in ${created_dirs[@]+"${created_dirs[@]}"}; do echo "dir $directory"; done
    for file in "${installed_files[@]}"; do echo "file $file"; done
    echo "file $MANIFEST"
} >"$staging/install-manifest"
install -m 0644 -- "$staging/install-manifest" "$DESTDIR$MANIFEST"
echo "installed $DESTDIR$MANIFEST"

if [ -z "$DESTDIR" ]; then
    update_catalog
    echo "next: systemctl daemon-reload && systemctl enable --now partnerd (see docs/operations.md)"
fi
