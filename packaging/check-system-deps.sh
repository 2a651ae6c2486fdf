#!/usr/bin/env bash
# Proves the clean-machine set-up is complete: every program the tests run and every font family
# the PDF tests need comes from a package that system-packages.txt lists (or from one of its
# direct dependencies). A tool or font a developer installed by hand, or that only works here
# by luck, fails this check with the package to add, instead of failing `make test` on CI.
#
#   packaging/check-system-deps.sh [LIST]    (default: packaging/system-packages.txt)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list=${1:-$here/system-packages.txt}

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "check-system-deps: not a Debian/Ubuntu system, nothing to check" >&2
    exit 0
fi

mapfile -t listed < <(grep -v '^\s*#' "$list" | grep -v '^\s*$' | sed 's/\s.*//')
declare -A allowed=()
for pkg in "${listed[@]}"; do
    allowed[$pkg]=1
    # Direct dependencies count as listed: binutils brings objdump in binutils-x86-64-linux-gnu.
    deps=$(dpkg-query -W -f='${Depends},${Pre-Depends}' "$pkg" 2>/dev/null || true)
    for dep in $(tr ',|' '\n\n' <<<"$deps" | sed 's/(.*)//; s/:.*//; s/\s//g'); do
        allowed[$dep]=1
    done
done

# Programs the tests and the packaging scripts call, by the paths a Debian package installs.
programs=(
    /usr/bin/ffmpeg /usr/bin/ffprobe /usr/bin/pdftotext /usr/bin/pdftoppm /usr/bin/convert
    /usr/bin/espeak-ng /usr/bin/xvfb-run /usr/bin/Xvfb /usr/bin/xauth /usr/bin/xdpyinfo
    /usr/bin/objdump /usr/bin/desktop-file-validate /usr/bin/appstreamcli
    /usr/bin/soffice /usr/bin/xmllint
)
cache_gen=(/usr/lib/*/vlc/vlc-cache-gen)  # libvlc-bin, under the multiarch triplet
programs+=("${cache_gen[0]}")
# The team library's tests start their own PostgreSQL and back it up (tests/helpers/postgres.py).
pg_server=(/usr/lib/postgresql/*/bin/initdb /usr/lib/postgresql/*/bin/pg_ctl)
programs+=("${pg_server[@]}" /usr/bin/pg_dump /usr/bin/pg_restore)
# Font families the PDF export needs for the scripts the tests write (CJK, Hebrew, Arabic...).
fonts=("DejaVu Sans" "Noto Sans" "Noto Sans CJK JP" "Noto Sans Hebrew" "Noto Sans Arabic")

problems=()
owner() { # the package that owns a file, following links (alternatives) to the real file
    local real
    real=$(readlink -f -- "$1" 2>/dev/null) || return 1
    dpkg-query -S -- "$real" 2>/dev/null | head -n1 | cut -d: -f1
}
need() { # what, file
    local pkg
    pkg=$(owner "$2" || true)
    if [[ -z "$pkg" ]]; then
        problems+=("$1: no installed package provides $2; add the package that does to $list")
    elif [[ -z "${allowed[$pkg]:-}" ]]; then
        problems+=("$1: comes from package $pkg, which $list does not list: add $pkg")
    fi
}
for path in "${programs[@]}"; do
    need "$(basename "$path")" "$path"
done
for family in "${fonts[@]}"; do
    file=$(fc-list ":family=$family" file 2>/dev/null | head -n1 | sed 's/: *$//')
    if [[ -z "$file" ]]; then
        problems+=("font \"$family\": not installed; add the package that has it to $list")
    else
        need "font \"$family\"" "$file"
    fi
done

if [[ ${#problems[@]} -gt 0 ]]; then
    printf 'check-system-deps: %s\n' "${problems[@]}" >&2
    exit 1
fi
