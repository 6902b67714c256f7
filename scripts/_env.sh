# Shared by demo.sh and test.sh: a virtual environment in .venv with segdesk installed from this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# Qt's offscreen and xcb platforms need a few system libraries; a bare Debian/Ubuntu may lack them.
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && ! ldconfig -p | grep -q libEGL.so.1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 >/dev/null
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".$1"
