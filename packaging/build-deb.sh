#!/usr/bin/env bash
# Builds the Debian package (cargo-deb, metadata in falco-cli/Cargo.toml) and checks what
# it installs with dpkg-deb. With --install (root, Debian) it also installs the package,
# runs the installed falco, checks the systemd units with systemd-analyze when present,
# and removes the package again.
#
#   packaging/build-deb.sh [--install] [--no-build]
#
# Prints the path of the .deb on success; exits non-zero naming the first missing file.
set -euo pipefail
cd "$(dirname "$0")/.."

install=0
build=(--)
for a in "$@"; do
    case "$a" in
        --install) install=1 ;;
        --no-build) build=(--no-build) ;;
        *) echo "usage: $0 [--install] [--no-build]" >&2; exit 2 ;;
    esac
done

if ! command -v cargo-deb >/dev/null 2>&1; then
    echo "cargo-deb is not installed (cargo install cargo-deb --locked)" >&2
    exit 3
fi

# --strip: the release profile keeps line tables (debug = 1) for profiling; the package
# does not need them (45 MB -> a few MB per binary).
if [ "${build[0]}" = "--no-build" ]; then
    deb=$(cargo deb -p falco-cli --strip --no-build 2>/dev/null | tail -n1)
else
    deb=$(cargo deb -p falco-cli --strip | tail -n1)
fi
[ -f "$deb" ] || { echo "cargo deb produced no package ($deb)" >&2; exit 1; }

listing=$(dpkg-deb -c "$deb")
expect=(
    "./usr/bin/falco"
    "./usr/bin/falco-inspect"
    "./etc/falco/falco.yaml"
    "./etc/falco/falco_rules.yaml"
    "./etc/falco/falco_rules.local.yaml"
    "./etc/falco/rules.d/"
    "./lib/systemd/system/falco-modern-bpf.service"
    "./lib/systemd/system/falco-kmod.service"
    "./lib/systemd/system/falco-kmod-inject.service"
    "./lib/systemd/system/falco-custom.service"
    "./usr/bin/falco-driver"
    "./usr/share/falco-rs/driver-src/packaging/dkms.conf"
    "./usr/share/falco-rs/driver-src/driver/kmod/Kbuild"
    "./usr/share/falco-rs/driver-src/driver/kmod/main.c"
    "./usr/share/falco-rs/driver-src/driver/kmod/compat.h"
    "./usr/share/falco-rs/driver-src/driver/include/falco_kmod.h"
    "./usr/share/falco-rs/driver-src/driver/bpf/include/flags.h"
)
for f in "${expect[@]}"; do
    if ! awk '{print $6}' <<<"$listing" | grep -qxF "$f"; then
        echo "missing from $deb: $f" >&2
        echo "$listing" >&2
        exit 1
    fi
done
# Binaries executable, configuration not.
awk '$6 == "./usr/bin/falco" && $1 !~ /^-rwxr-xr-x/ {exit 1}' <<<"$listing" ||
    { echo "/usr/bin/falco is not 755" >&2; exit 1; }
awk '$6 == "./usr/bin/falco-driver" && $1 !~ /^-rwxr-xr-x/ {exit 1}' <<<"$listing" ||
    { echo "/usr/bin/falco-driver is not 755" >&2; exit 1; }
ctl=$(dpkg-deb -f "$deb" Package Conflicts Provides)
grep -q '^Package: falco-rs$' <<<"$ctl" || { echo "bad control: $ctl" >&2; exit 1; }
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
for c in /etc/falco/falco.yaml /etc/falco/falco_rules.yaml /etc/falco/falco_rules.local.yaml; do
    grep -qxF "$c" <<<"$conffiles" || { echo "$c is not a conffile" >&2; exit 1; }
done

if [ "$install" = 1 ]; then
    if dpkg -s falco >/dev/null 2>&1 || dpkg -s falco-rs >/dev/null 2>&1; then
        echo "a falco package is already installed: not touching it" >&2
        exit 1
    fi
    dpkg -i "$deb"
    /usr/bin/falco --version | grep -q '^Falco version:'
    # The packaged configuration and rules load (no event source is opened).
    /usr/bin/falco -c /etc/falco/falco.yaml --dry-run
    # falco-driver finds the packaged module source and the version of the package's falco,
    # and, where a kernel's headers are installed, the packaged source builds against them.
    /usr/bin/falco-driver printenv | grep -qx "DRIVER_VERSION=$(/usr/bin/falco --version | sed -n 's/^Falco version: //p')" ||
        { echo "falco-driver printenv: wrong version" >&2; exit 1; }
    for b in /lib/modules/*/build/Makefile; do
        [ -f "$b" ] || continue
        krel=$(basename "$(dirname "$(dirname "$b")")")
        out=$(mktemp -d)
        /usr/bin/falco-driver build --kernelrelease "$krel" --output "$out"
        rm -rf "$out"
        break
    done
    if command -v systemd-analyze >/dev/null 2>&1; then
        systemd-analyze verify /lib/systemd/system/falco-*.service
    fi
    dpkg -P falco-rs
    [ ! -e /usr/bin/falco ] && [ ! -e /etc/falco ] || { echo "files left after purge" >&2; exit 1; }
fi
echo "$deb"
