#!/usr/bin/env bash
# Checks .nir files against the NIR HDF5 layout with Debian's python3-h5py (installed when missing
# and running as root). Usage: tools/nir-check/check_nir_layout.sh FILE.nir [FILE.nir ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! /usr/bin/python3 -c 'import h5py' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y python3-h5py >/dev/null 2>&1 \
      || { apt-get update >/dev/null && apt-get install -y python3-h5py >/dev/null; }
  else
    echo "python3-h5py is missing: run 'sudo apt-get install -y python3-h5py'" >&2
    exit 2
  fi
fi
exec /usr/bin/python3 "$here/check_nir_layout.py" "$@"
