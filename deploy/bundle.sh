#!/usr/bin/env bash
# Build the offline bundle: one tarball that installs Mingzhu on a machine without network
# (deploy/install.sh, copied into the bundle, does that). It holds
#   wheels/          the runtime dependencies exactly as requirements.lock pins them (with
#                    their hashes; the two published only as source, jieba and lunar-python,
#                    as the locked source archives, plus setuptools to build them and pip),
#                    and the Mingzhu wheel built from this tree (catalogues compiled);
#   node_modules/    the front-end packages of package.json, one .tgz each (laid out as
#                    `npm pack` lays them out);
#   requirements.lock, install.sh, deploy/ (systemd, nginx, environment samples) and
#   docs/operations.md.
# The wheels are for this machine's Python version and architecture: build the bundle on
# the same Debian release (and CPU architecture) as the servers it is for.
#
# Usage: deploy/bundle.sh [--out DIR]     (default DIR: dist/). Needs the package index
# (or pip's cache) and npm's node_modules, i.e. a machine where `make env` has run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
  esac
done
python=${PYTHON:-$root/.venv/bin/python}
[ -x "$python" ] || python=python3

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/pyproject.toml" | head -n 1)
pyver=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
arch=$(uname -m)
name="mingzhu-$version-py${pyver/./}-$arch"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/$name"
mkdir -p "$stage/wheels" "$stage/node_modules" "$out"

echo "== runtime dependencies (requirements.lock)"
"$python" -m pip download --quiet --quiet --disable-pip-version-check --require-hashes --no-deps \
  -r "$root/requirements.lock" -d "$stage/wheels"
# This pip (the one a new venv brings may be older) and the build backend for the
# dependencies published only as source archives.
setuptools=$("$python" -c 'import setuptools; print(setuptools.__version__)')
pip=$("$python" -m pip --version | cut -d' ' -f2)
"$python" -m pip download --quiet --quiet --disable-pip-version-check --no-deps \
  "pip==$pip" "setuptools==$setuptools" -d "$stage/wheels"

echo "== Mingzhu wheel"
mkdir "$work/source"
tar -C "$root" --exclude=__pycache__ --exclude='*.egg-info' -cf - pyproject.toml README.md src |
  tar -C "$work/source" -xf -
PYTHONPATH="$work/source/src" MINGZHU_NODE_MODULES="$root/node_modules" \
  "$python" -m mingzhu compile_catalogue >/dev/null
"$python" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  -w "$stage/wheels" "$work/source"

echo "== front-end packages (package.json)"
# Each installed package as npm installed it (the files its published archive holds), in a
# gzipped tar whose one folder is the package, as `npm pack` makes them: read with tar
# alone, without starting npm once per package.
packages=$("$python" -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))["dependencies"]))' "$root/package.json")
for package in $packages; do
  manifest="$root/node_modules/$package/package.json"
  [ -f "$manifest" ] || {
    echo "node_modules/$package is missing: run \`make assets\` first" >&2
    exit 1
  }
  version=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$manifest")
  file="$(echo "$package" | sed 's/^@//; s#/#-#g')-$version.tgz"
  tar -C "$root/node_modules" --transform "s#^$package#package#" --exclude="$package/node_modules" \
    --owner=0 --group=0 --numeric-owner -czf "$stage/node_modules/$file" "$package"
  echo "$package $file" >>"$stage/node_modules/MANIFEST"
done

echo "== install script, samples, documentation"
cp "$root/requirements.lock" "$stage/"
cp "$root/deploy/install.sh" "$stage/install.sh"
chmod +x "$stage/install.sh"
mkdir -p "$stage/deploy" "$stage/docs"
cp -r "$root/deploy/systemd" "$root/deploy/nginx" "$root/deploy/mingzhu.env" "$stage/deploy/"
cp "$root/docs/operations.md" "$stage/docs/"
echo "$pyver" >"$stage/PYTHON_VERSION"

# Wheels and npm archives are compressed already: a plain tar.
tar -C "$work" -cf "$out/$name.tar" "$name"
echo "$out/$name.tar"
