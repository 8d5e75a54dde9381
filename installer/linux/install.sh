#!/bin/sh
# Install an unpacked GaitScreen build for all users (as root) or for the current user.
#
#   sudo ./install.sh            # /opt/GaitScreen, /usr/local/bin/gaitscreen, menu entry for everyone
#   ./install.sh                 # ~/.local/opt/GaitScreen, ~/.local/bin/gaitscreen, menu entry for you
#   ./install.sh --uninstall     # remove what the same kind of call installed
#
# Run it from the unpacked GaitScreen/ folder. User data never goes into the
# installation folder (studies: ~/Documents/GaitScreen, cache: ~/.cache/gaitscreen).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
    PREFIX=/opt/GaitScreen BIN=/usr/local/bin SHARE=/usr/local/share
else
    PREFIX="$HOME/.local/opt/GaitScreen" BIN="$HOME/.local/bin" SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
ICON="$SHARE/icons/hicolor/256x256/apps/gaitscreen.png"
DESKTOP="$SHARE/applications/gaitscreen.desktop"

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$PREFIX"
    rm -f "$BIN/gaitscreen" "$ICON" "$DESKTOP"
    echo "GaitScreen removed from $PREFIX (studies in ~/Documents/GaitScreen are kept)."
    exit 0
fi

[ -x "$HERE/gaitscreen" ] || { echo "run install.sh from the unpacked GaitScreen folder" >&2; exit 1; }
if [ "$HERE" != "$PREFIX" ]; then
    rm -rf "$PREFIX"
    mkdir -p "$(dirname "$PREFIX")"
    cp -a "$HERE" "$PREFIX"
fi
mkdir -p "$BIN" "$(dirname "$ICON")" "$(dirname "$DESKTOP")"
ln -sf "$PREFIX/gaitscreen" "$BIN/gaitscreen"
cp "$PREFIX/_internal/resources/icons/gaitscreen.png" "$ICON"
sed "s|^Exec=gaitscreen|Exec=$PREFIX/gaitscreen|; s|^TryExec=gaitscreen|TryExec=$PREFIX/gaitscreen|" \
    "$PREFIX/gaitscreen.desktop" > "$DESKTOP"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$(dirname "$DESKTOP")" || true
echo "GaitScreen installed in $PREFIX; check it with: $PREFIX/gaitscreen --self-test"
