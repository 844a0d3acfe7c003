#!/usr/bin/env bash
# Builds the container image from our Debian package (packaging/Dockerfile.deb) with podman
# and checks it against the host-built falco:
#   - `falco --version` and `falco -L` in the image print what the host's falco prints
#     with the repository's configuration and default rules;
#   - replaying $CAPTURES/vm-triggers.scap.gz in the image (the capture mounted read-only
#     at /captures, the image's own /etc/falco configuration and rules) raises the same
#     alerts as the host's falco on the same capture: the same rule names, each the same
#     number of times (from the JSON alerts and from the end-of-run summary);
#   - packaging/Dockerfile (the from-source variant, which this script does not build)
#     installs the package with the same instructions as packaging/Dockerfile.deb.
#
#   packaging/check-image.sh [--deb PATH] [--image NAME]
#
# Without --deb the package is built by packaging/build-deb.sh (a release build). When
# $BASE (default debian:bookworm-slim) is neither local nor pullable, a minimal bookworm is
# made with debootstrap from deb.debian.org, slimmed as the official -slim image is, and
# imported as localhost/debian:bookworm-slim; its tarball is cached in $CACHE_DIR (default
# ~/.cache/falco-rs) and the image stays in podman's store for the next run.
#
# Environment: CAPTURES (default $FALCO_CAPTURES or ../shared/captures), BASE, CACHE_DIR,
# HOST_FALCO (default target/release/falco). Prints timings and the image size; exits
# non-zero on a mismatch; prints one SKIP line and exits 0 when podman cannot build or run
# containers here, or the base cannot be pulled nor made with debootstrap.
set -euo pipefail

deb=
image=localhost/falco-rs:check
while [ $# -gt 0 ]; do
    case "$1" in
        --deb) deb=$(realpath -m -- "${2:?--deb needs a path}"); shift 2 ;;
        --image) image=${2:?--image needs a name}; shift 2 ;;
        *) echo "usage: $0 [--deb PATH] [--image NAME]" >&2; exit 2 ;;
    esac
done
# Paths given in the environment are relative to where the script is run; the default
# captures folder is relative to the repository.
captures=${CAPTURES:-${FALCO_CAPTURES:-}}
[ -z "$captures" ] || captures=$(realpath -m -- "$captures")
[ -z "${HOST_FALCO:-}" ] || HOST_FALCO=$(realpath -m -- "$HOST_FALCO")
cd "$(dirname "$0")/.."
captures=${captures:-../shared/captures}
base=${BASE:-debian:bookworm-slim}
cache=${CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/falco-rs}
host_falco=${HOST_FALCO:-target/release/falco}
capture=vm-triggers.scap.gz

skip() {
    echo "SKIP check-image: $*"
    exit 0
}
fail() {
    echo "check-image: FAIL: $*" >&2
    exit 1
}
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

command -v podman >/dev/null 2>&1 || skip "podman is not installed (apt-get install podman)"
command -v jq >/dev/null 2>&1 || fail "jq is needed to read the JSON alerts (apt-get install jq)"
[ -f "$captures/$capture" ] || skip "$captures/$capture not found (set CAPTURES)"
captures=$(cd "$captures" && pwd)
podman info >/dev/null 2>&1 || skip "podman does not work here: $(podman info 2>&1 | tail -n1)"

# packaging/Dockerfile (from source, not built by this script) installs the package as
# packaging/Dockerfile.deb does: the part below the marker must stay the same.
installed() { sed -n '/^# --- installed image/,$p' "$1" | tail -n +2; }
diff -u <(installed packaging/Dockerfile.deb) <(installed packaging/Dockerfile) >&2 ||
    fail "packaging/Dockerfile and packaging/Dockerfile.deb install the package differently"
[ -n "$(installed packaging/Dockerfile.deb)" ] || fail "no installed-image marker in packaging/Dockerfile.deb"

work=$(mktemp -d "${TMPDIR:-/tmp}/falco-rs-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
t_all=$(now)

# 1. The package.
t=$(now)
if [ -z "$deb" ]; then
    deb=$(packaging/build-deb.sh | tail -n1)
    echo "package: $deb (built in $(took "$t"))"
else
    echo "package: $deb (given)"
fi
[ -f "$deb" ] || fail "no package at $deb"
[ -x "$host_falco" ] || fail "no host-built falco at $host_falco (cargo build --release -p falco-cli)"

# 2. The base image: local, pulled, or made with debootstrap.
local_base=localhost/debian:bookworm-slim
make_base() {
    local tar="$cache/debian-bookworm-slim.tar" root
    if [ ! -s "$tar" ]; then
        [ "$(id -u)" = 0 ] || skip "cannot pull $base and debootstrap needs root"
        command -v debootstrap >/dev/null 2>&1 ||
            skip "cannot pull $base and debootstrap is not installed (apt-get install debootstrap)"
        root="$work/rootfs"
        echo "base: $base cannot be pulled; debootstrap of a minimal bookworm (a few minutes)"
        if ! debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian \
            >"$work/debootstrap.log" 2>&1; then
            skip "cannot pull $base and debootstrap failed: $(tail -n1 "$work/debootstrap.log")"
        fi
        # As the official -slim images: no documentation, manual pages or translations
        # (now or from later installs), no package lists or downloaded packages; the
        # suites of the official image.
        cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
        cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
        printf 'Acquire::Languages "none";\n' >"$root/etc/apt/apt.conf.d/docker-no-languages"
        rm -f "$root/etc/apt/sources.list"
        cat >"$root/etc/apt/sources.list.d/debian.sources" <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
        find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
        rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/groff/* \
            "$root"/usr/share/lintian/* "$root"/usr/share/locale/* \
            "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
            "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log
        mkdir -p "$cache"
        tar --numeric-owner --exclude='./dev/*' -C "$root" -cf "$tar.tmp" .
        mv "$tar.tmp" "$tar"
        rm -rf "$root"
    fi
    podman import --change 'CMD ["bash"]' "$tar" "$local_base" >/dev/null 2>"$work/import.err" ||
        skip "podman import of $tar failed: $(tail -n1 "$work/import.err")"
}
t=$(now)
if podman image exists "$base"; then
    echo "base: $base (local)"
elif pull=$(case "$base" in */*) echo "$base" ;; *) echo "docker.io/library/$base" ;; esac) &&
    timeout 300 podman pull -q "$pull" >/dev/null 2>"$work/pull.err"; then
    echo "base: $pull (pulled in $(took "$t"))"
    base=$pull
elif [ "$base" = debian:bookworm-slim ]; then
    if podman image exists "$local_base"; then
        echo "base: $local_base (made earlier)"
    else
        make_base
        echo "base: $local_base (made in $(took "$t"); its tarball is cached in $cache)"
    fi
    base=$local_base
else
    fail "cannot pull $base: $(tail -n1 "$work/pull.err")"
fi

# 3. How containers run here. Podman's defaults first; in sandboxes without
# CAP_SYS_RESOURCE the default rlimits cannot be set and crun refuses hybrid cgroup
# setups, where runc with modest limits works.
opts=()
ok=0
for cand in "" \
    "--runtime runc --ulimit nofile=16384:16384 --ulimit nproc=4096:4096" \
    "--ulimit nofile=16384:16384 --ulimit nproc=4096:4096"; do
    read -ra o <<<"$cand"
    if podman run --rm "${o[@]}" "$base" true >/dev/null 2>"$work/run.err"; then
        opts=("${o[@]}")
        ok=1
        break
    fi
done
[ "$ok" = 1 ] || skip "podman cannot run containers here: $(tail -n1 "$work/run.err")"
[ "${#opts[@]}" = 0 ] || echo "podman options: ${opts[*]}"

# 4. The image, from a context holding only the package.
mkdir "$work/context"
cp "$deb" "$work/context/"
old=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
t=$(now)
if ! podman build "${opts[@]}" --pull=never -f packaging/Dockerfile.deb \
    --build-arg BASE="$base" -t "$image" "$work/context" >"$work/build.log" 2>&1; then
    tail -n 30 "$work/build.log" >&2
    fail "podman build failed"
fi
build_time=$(took "$t")
new=$(podman image inspect --format '{{.Id}}' "$image")
if [ -n "$old" ] && [ "$old" != "$new" ]; then
    podman rmi "$old" >/dev/null 2>&1 || true
fi
size=$(podman image inspect --format '{{.Size}}' "$image")
base_size=$(podman image inspect --format '{{.Size}}' "$base")
echo "image: $image built in $build_time, $((size / 1000000)) MB ($(((size - base_size) / 1000000)) MB over $base)"

run() { podman run --rm "${opts[@]}" "$@"; }

# 5. The checks.
host_cfg=(-c falco-cli/config/falco.yaml -r falco-cli/rules/falco_rules.yaml)
want=$("$host_falco" --version | head -n1)
got=$(run "$image" falco --version 2>"$work/version.err" | head -n1)
[ "$got" = "$want" ] || fail "falco --version in the image: '$got', host: '$want'"
echo "ok: falco --version: $got"

# The package's layout: every file of the .deb installed with its content and mode, and
# dpkg knowing the package as installed (cargo-deb writes no md5sums: dpkg --verify would
# check nothing, so the files are compared here).
mkdir "$work/deb"
dpkg-deb -x "$deb" "$work/deb"
mapfile -t files < <(cd "$work/deb" && find . -type f | sed 's|^\.||' | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || fail "no files in $deb"
# shellcheck disable=SC2016 # expanded by the sh that runs it
sums='r=$1; shift; for f; do printf "%s %s %s\n" "$f" "$(stat -c %a "$r$f")" "$(md5sum <"$r$f" | cut -d" " -f1)"; done'
sh -c "$sums" sh "$work/deb" "${files[@]}" >"$work/host.files"
run "$image" sh -c "$sums" sh "" "${files[@]}" >"$work/image.files" 2>&1 || true
diff -u "$work/host.files" "$work/image.files" >&2 ||
    fail "the image's files differ from the package's (+ image, - package)"
want=$(dpkg-deb -f "$deb" Package Version | awk '{ print $2 }' | paste -sd ' ')
# shellcheck disable=SC2016 # dpkg-query's format
got=$(run "$image" dpkg-query -W -f '${Package} ${Version} ${Status}' "$(dpkg-deb -f "$deb" Package)")
[ "$got" = "$want install ok installed" ] || fail "dpkg in the image: '$got', package: '$want'"
echo "ok: $want installed, its ${#files[@]} files as in the package"

"$host_falco" "${host_cfg[@]}" -L >"$work/host.L" 2>/dev/null
run "$image" falco -L >"$work/image.L" 2>"$work/image.L.err" ||
    { cat "$work/image.L.err" >&2; fail "falco -L failed in the image"; }
[ -s "$work/host.L" ] || fail "the host's falco -L printed nothing"
diff -u "$work/host.L" "$work/image.L" >&2 || fail "falco -L differs between the image and the host"
echo "ok: falco -L: $(grep -v '^Rule \|^----' "$work/image.L" | grep -c '^[^ ]') rules, as on the host"

replay=(-o engine.kind=replay -o "engine.replay.capture_file=/captures/$capture" -o json_output=true)
t=$(now)
"$host_falco" "${host_cfg[@]}" -o engine.kind=replay \
    -o "engine.replay.capture_file=$captures/$capture" -o json_output=true \
    >"$work/host.out" 2>"$work/host.err" || { cat "$work/host.err" >&2; fail "host falco failed"; }
host_time=$(took "$t")
t=$(now)
run -v "$captures:/captures:ro" "$image" falco "${replay[@]}" \
    >"$work/image.out" 2>"$work/image.err" ||
    { cat "$work/image.err" >&2; fail "falco failed in the image"; }
image_time=$(took "$t")

# "count rule" per line, from the JSON alerts and from the summary's per-rule counts.
alerts() { grep '^{' "$1" | jq -r .rule | LC_ALL=C sort | uniq -c | awk '{ c = $1; $1 = ""; print c "\t" substr($0, 2) }'; }
summary() {
    awk '/^Triggered rules by rule name:/ { on = 1; next }
         on && /^   / { line = $0; sub(/^ +/, "", line); n = line; sub(/.*: /, "", n);
                        sub(/: [0-9]+$/, "", line); print n "\t" line; next }
         on { on = 0 }' "$1" | LC_ALL=C sort -t "$(printf '\t')" -k2
}
for f in host image; do
    alerts "$work/$f.out" >"$work/$f.alerts"
    summary "$work/$f.out" >"$work/$f.summary"
done
[ -s "$work/host.alerts" ] || fail "the host's falco raised no alert on $capture"
diff -u "$work/host.alerts" "$work/image.alerts" >&2 ||
    fail "alerts differ between the image (+) and the host (-)"
diff -u "$work/host.summary" "$work/image.summary" >&2 ||
    fail "summaries differ between the image (+) and the host (-)"
diff -u "$work/image.alerts" "$work/image.summary" >&2 ||
    fail "the image's summary does not count its own alerts"
n=$(awk -F '\t' '{ s += $1 } END { print s }' "$work/image.alerts")
echo "ok: replay of $capture: $n alerts from $(wc -l <"$work/image.alerts") rules, as on the host (host $host_time, image $image_time incl. container start)"
sed 's/^/    /' "$work/image.alerts"
echo "check-image: all checks passed in $(took "$t_all")"
