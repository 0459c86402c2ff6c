#!/usr/bin/env bash
# PyTorch CPU baselines for `bsnn bench snn-backends` and `bsnn bench training`: times a dense
# per-timestep loop simulating the binary vgg15ab SNN at CIFAR scale, and training of the quick
# vgg-small, with the same warm-up and repeat rules (median and best of >= 5 timed runs).
#   tools/pytorch-bench/run.sh                       # the comparison in docs/benchmarks.md
#   tools/pytorch-bench/run.sh --images 2 --timesteps 2 --train-steps 2 --repeats 1   # a smoke run
# Uses Debian's PyTorch (python3-torch) under /usr/bin/python3; installs it with apt when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python=/usr/bin/python3
if [ ! -x "$python" ]; then
  echo "pytorch-bench: needs $python (Debian: apt-get install python3)." >&2
  exit 2
fi
if ! "$python" -c "import torch" >/dev/null 2>&1; then
  echo "pytorch-bench: installing python3-torch with apt..." >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-torch >&2
fi
# one OpenMP/MKL thread pool of the size asked for (torch.set_num_threads in the script does the rest)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
exec "$python" "$here/bench.py" "$@"
