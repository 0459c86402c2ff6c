#!/bin/sh
# Makes the PyTorch test fixtures of the ONNX importer (see README.md beside the fixtures).
# Installs Debian's python3-torch when the system Python lacks torch, then runs make_fixtures.py
# with the system Python. Usage: tools/pytorch-fixtures/make_fixtures.sh [OUT_DIR [make_fixtures.py options]],
# e.g. make_fixtures.sh plugins/interop/src/test/resources/pytorch --networks vgg-small
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/plugins/interop/src/test/resources/pytorch}
if ! /usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1; then
  echo "installing python3-torch and python3-numpy with apt-get (needs root)" >&2
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-torch python3-numpy
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-torch python3-numpy
  fi
fi
shift $(( $# > 0 ? 1 : 0 ))
exec /usr/bin/python3 "$here/make_fixtures.py" --cache "$repo/datasets/cache/fashion-mnist" --out "$out" "$@"
