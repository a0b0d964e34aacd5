#!/bin/sh
# Install Mingzhu from the offline bundle this script sits in, with no network:
#   ./install.sh [PREFIX]          (default PREFIX: /opt/mingzhu)
# Creates PREFIX/venv (Python's venv, then the locked wheels with their hashes checked,
# then Mingzhu) and PREFIX/node_modules (the front-end files the app serves; point
# MINGZHU_NODE_MODULES at it). Run again from a newer bundle to upgrade, then
# `mingzhu migrate` and restart the services (docs/operations.md).
# Needs: python3 of the version the bundle was built with, with its venv module (on Debian
# the packages python3 and python3-venv).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${1:-/opt/mingzhu}
python=${PYTHON:-python3}

want=$(cat "$here/PYTHON_VERSION")
have=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$have" != "$want" ]; then
  echo "This bundle was built for Python $want; $python is $have." >&2
  echo "Build the bundle on a machine with the servers' Debian release." >&2
  exit 1
fi

# Only this bundle's files: no index, whatever pip's configuration says.
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_CONSTRAINT 2>/dev/null || true
pip_install() {
  "$prefix/venv/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" "$@"
}

echo "== Python environment in $prefix/venv"
mkdir -p "$prefix"
pip_wheel=$(ls "$here"/wheels/pip-*.whl)
if [ ! -x "$prefix/venv/bin/python" ]; then
  # The venv gets the bundle's pip, run from its wheel, rather than the one Python's
  # ensurepip would copy in and the bundle's would then replace.
  "$python" -m venv --without-pip "$prefix/venv"
  "$prefix/venv/bin/python" "$pip_wheel/pip" install --quiet --no-index "$pip_wheel"
else
  pip_install --upgrade "$pip_wheel"
fi
pip_install --require-hashes -r "$here/requirements.lock"
# Mingzhu itself, built with the bundle (its dependencies are the lock's, installed above).
pip_install --no-deps --force-reinstall "$here"/wheels/mingzhu-*.whl

echo "== front-end packages in $prefix/node_modules"
rm -rf "$prefix/node_modules.new"
mkdir -p "$prefix/node_modules.new"
while read -r package file; do
  mkdir -p "$prefix/node_modules.new/$package"
  tar -xzf "$here/node_modules/$file" -C "$prefix/node_modules.new/$package" \
    --strip-components=1 --no-same-owner
done <"$here/node_modules/MANIFEST"
rm -rf "$prefix/node_modules.old"
[ ! -d "$prefix/node_modules" ] || mv "$prefix/node_modules" "$prefix/node_modules.old"
mv "$prefix/node_modules.new" "$prefix/node_modules"
rm -rf "$prefix/node_modules.old"

echo "Installed: $prefix/venv/bin/mingzhu"
echo "Set MINGZHU_NODE_MODULES=$prefix/node_modules in the environment file."
