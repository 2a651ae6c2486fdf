#!/usr/bin/env bash
# Build the Linux bundle dist/proofreel/ (PyInstaller one-folder, libVLC and plugins inside).
#   packaging/build_bundle.sh        (make bundle runs this)
# Uses the project venv (.venv, made if missing), installs PyInstaller into it, builds from
# packaging/proofreel.spec (which also runs vlc-cache-gen on the bundled plugins), then checks the
# plugin cache is there and prints the build time and the bundle size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv=${VENV:-.venv}
py="$venv/bin/python"
started=$(date +%s)

# One build at a time per checkout: two builds writing dist/proofreel/ at once break both (the
# test suite builds too). A caller holding the lock already (the test) sets PROOFREEL_BUNDLE_LOCKED.
if [[ -z "${PROOFREEL_BUNDLE_LOCKED:-}" ]]; then
    mkdir -p build
    exec 9>build/bundle.lock
    flock 9
fi

if [[ ! -x "$py" ]]; then
    python3 -m venv "$venv"
    "$py" -m pip install -q --upgrade pip
    "$py" -m pip install -q -e '.[dev]'
fi
"$py" -m PyInstaller --version >/dev/null 2>&1 || "$py" -m pip install -q 'pyinstaller>=6.10'

"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/proofreel.spec

bundle=dist/proofreel
cache="$bundle/_internal/vlc/plugins/plugins.dat"
[[ -x "$bundle/proofreel" ]] || { echo "build_bundle: $bundle/proofreel was not built" >&2; exit 1; }
[[ -s "$cache" ]] || { echo "build_bundle: no VLC plugin cache at $cache" >&2; exit 1; }
# Beside the bundle, for whoever installs it (.desktop, AppStream, icons in hicolor sizes).
mkdir -p "$bundle/share/applications" "$bundle/share/metainfo"
cp packaging/proofreel.desktop "$bundle/share/applications/"
cp packaging/io.github.proofreel.Proofreel.metainfo.xml "$bundle/share/metainfo/"
for size in 48 128 256; do
    dir="$bundle/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    cp "resources/icons/proofreel-$size.png" "$dir/proofreel.png"
done
mkdir -p "$bundle/share/icons/hicolor/scalable/apps"
cp resources/icons/proofreel.svg "$bundle/share/icons/hicolor/scalable/apps/proofreel.svg"

echo "build_bundle: built $bundle in $(( $(date +%s) - started )) s;" \
    "size $(du -sh "$bundle" | cut -f1);" \
    "$(find "$bundle/_internal/vlc/plugins" -name '*.so' | wc -l) VLC plugins"
echo "build_bundle: check it with: $bundle/proofreel --self-test"
