#!/usr/bin/env bash
# The fault cases that need processes of their own: kill -9 and Ctrl-C followed by --resume, two
# processes on one run (the run lock), a read-only and a full file system, a results folder that is
# a file, and files another user may not read. The bulk of the bad-input cases (experiment files,
# overrides, data files, networks, imported models) runs in-process with the tests:
# experiments/src/test/java/org/bsnn/experiments/cli/BadInputSuiteTest.java.
#
#   tools/faults/run-suite.sh [SCRATCH_DIR]
#
# Drives ./bsnn against a scratch results folder (default: a new folder under /tmp, removed at the
# end). Prints one line per case and a summary; exit code 0 when every case passes. Cases that need
# root (mounting a tmpfs, running as another user) are reported as skipped without it.
# Every failing bsnn call must exit with code 2, print "error: " and name the file or value, show no
# stack trace or exception class name, write no run folder when the error is found before computing
# (a FAILED marker when found later), and leave the results already there byte for byte.
set -uo pipefail
export LC_ALL=C # one collation for sort and comm
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bsnn="$home/bsnn"
keep_scratch=1
if [ $# -ge 1 ]; then
  scratch=$(mkdir -p "$1" && cd "$1" && pwd)
else
  scratch=$(mktemp -d /tmp/bsnn-faults.XXXXXX)
  keep_scratch=0
fi
results="$scratch/results"
mounts=()
cleanup() {
  local m
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  [ "$keep_scratch" = 1 ] || rm -rf "$scratch"
}
trap cleanup EXIT

cases=0 passed=0 clear=0 leaks=0 silent=0 lost=0 skipped=0
failures=()
is_root() { [ "$(id -u)" = 0 ]; }

# A digest of every file under a folder (relative path and SHA-256), to prove results untouched.
snapshot() { [ -d "$1" ] && (cd "$1" && find . -type f ! -name run.lock -print0 | xargs -0r sha256sum | sort) || true; }
run_dirs() { [ -d "$1/runs" ] && find "$1/runs" -mindepth 2 -maxdepth 2 -type d | sort || true; }

# expect_error NAME AFTER RESULTS_DIR MUST_NAME... -- COMMAND...
#   AFTER: none (no new run folder), failed (one new run folder with FAILED and no results.csv) or
#   live (no new run folder; the folder is being written by another process, so its files are not
#   compared: the caller checks that process's results instead)
expect_error() {
  local name=$1 after=$2 res=$3; shift 3
  local must=()
  while [ "$1" != -- ]; do must+=("$1"); shift; done
  shift
  local before_snap before_runs err rc new problems=()
  before_snap=$(snapshot "$res")
  before_runs=$(run_dirs "$res")
  err=$("$@" 2>&1 >/dev/null)
  rc=$?
  new=$(comm -13 <(echo "$before_runs") <(run_dirs "$res") | sed '/^$/d')
  cases=$((cases + 1))
  local leaked=0 named=1 m
  if grep -qE $'\tat |Exception|(java|javax|jdk|sun)\\.[a-z]+\\.[A-Za-z.]*Error' <<<"$err"; then leaked=1; fi
  for m in "${must[@]}"; do grep -qF -- "$m" <<<"$err" || { named=0; problems+=("does not name '$m'"); }; done
  [ "$rc" = 2 ] || problems+=("exit code $rc, expected 2")
  grep -q '^error: ' <<<"$err" || problems+=("no 'error:' line")
  [ "$leaked" = 0 ] || problems+=("stack trace or class name shown")
  if [ "$after" != live ] && [ "$(comm -23 <(echo "$before_snap") <(snapshot "$res"))" != "" ]; then
    problems+=("results already there changed"); lost=$((lost + 1))
  fi
  case "$after" in
    none | live) [ -z "$new" ] || problems+=("new run folder: $new") ;;
    failed)
      if [ "$(wc -l <<<"$new")" != 1 ] || [ -z "$new" ] || [ ! -f "$new/FAILED" ] || [ -f "$new/results.csv" ]; then
        problems+=("expected one new run folder marked FAILED, got: ${new:-none}")
      fi ;;
  esac
  if [ "$rc" = 0 ]; then silent=$((silent + 1)); elif [ "$leaked" = 1 ]; then leaks=$((leaks + 1));
  elif [ "$rc" = 2 ] && [ "$named" = 1 ]; then clear=$((clear + 1)); fi
  report "$name" "${problems[@]}" -- "$(head -1 <<<"$err")"
}

# report NAME [PROBLEM...] -- DETAIL
report() {
  local name=$1; shift
  local problems=()
  while [ "$1" != -- ]; do problems+=("$1"); shift; done
  if [ ${#problems[@]} = 0 ]; then
    passed=$((passed + 1))
    printf 'PASS  %-44s %s\n' "$name" "${2:-}"
  else
    failures+=("$name")
    printf 'FAIL  %-44s %s | %s\n' "$name" "$(IFS=';'; echo "${problems[*]}")" "${2:-}"
  fi
}
skip() { skipped=$((skipped + 1)); printf 'SKIP  %-44s %s\n' "$1" "$2"; }

# A check that is not a bsnn error message (resume completes, results identical, ...).
check() { # NAME CONDITION_DESCRIPTION COMMAND...
  local name=$1 what=$2; shift 2
  cases=$((cases + 1))
  if "$@" >/dev/null 2>&1; then report "$name" -- "$what"; else report "$name" "failed: $what" --; fi
}

# --- fixtures --------------------------------------------------------------------------------------
mkdir -p "$scratch/data"
smoke="$scratch/smoke.yaml"
# the smoke pipeline, made a little longer (more timesteps) so that a kill lands inside the work
sed -e 's/^name: smoke-pipeline/name: faults-smoke/' -e 's/timesteps: 30/timesteps: 60/' \
  "$home/experiments/smoke/pipeline.yaml" >"$smoke"
# small IDX files: 40 train and 20 test images of 8x8, labels 0..3
idx_images() { printf '\x00\x00\x08\x03'; printf "%08x%08x%08x" "$1" 8 8 | xxd -r -p; head -c $(($1 * 64)) /dev/urandom; }
idx_labels() { printf '\x00\x00\x08\x01'; printf "%08x" "$1" | xxd -r -p; for ((i = 0; i < $1; i++)); do printf "\\x0$((i % 4))"; done; }
idx_images 40 >"$scratch/data/train-images"; idx_labels 40 >"$scratch/data/train-labels"
idx_images 20 >"$scratch/data/test-images"; idx_labels 20 >"$scratch/data/test-labels"
idx_yaml() { # TRAIN_IMAGES
  cat <<EOF
name: faults-idx
seed: 1
defaults: {dataset: idx, model: mlp, train: random-features, evaluate: [ann-accuracy]}
model: {hidden: [8]}
dataset: {trainImages: '$1', trainLabels: '$scratch/data/train-labels', testImages: '$scratch/data/test-images', testLabels: '$scratch/data/test-labels'}
EOF
}
idx_yaml "$scratch/data/train-images" >"$scratch/idx.yaml"
command -v xxd >/dev/null || { echo "run-suite: needs xxd (Debian: apt-get install xxd)" >&2; exit 2; }

echo "bsnn fault suite: scratch $scratch"
"$bsnn" --version >/dev/null 2>&1 || { echo "run-suite: ./bsnn does not start (build failed?)" >&2; exit 1; }

# The reference: an uninterrupted run of the smoke experiment in its own results folder.
ref="$scratch/reference"
"$bsnn" run "$smoke" --results-dir "$ref" >/dev/null 2>&1 || { echo "run-suite: the reference run failed" >&2; exit 1; }
ref_csv=$(ls "$ref"/runs/faults-smoke/*/results.csv)
# Existing results that every case must leave alone.
"$bsnn" run "$scratch/idx.yaml" --results-dir "$results" >/dev/null 2>&1 || { echo "run-suite: the baseline run failed" >&2; exit 1; }

# --- kill -9 and Ctrl-C, then --resume -------------------------------------------------------------
# start_and_kill SIGNAL DELAY_S RESULTS: starts the smoke run, sends SIGNAL to the JVM DELAY_S after
# its run folder appeared (a loaded machine may take long to start a JVM)
start_and_kill() {
  local sig=$1 delay=$2 res=$3 pid
  setsid "$bsnn" run "$smoke" --results-dir "$res" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do ls "$res"/runs/faults-smoke/*/run.log >/dev/null 2>&1 && break; sleep 0.2; done
  sleep "$delay"
  # the JVM is the launcher's child; kill it, not the launcher, like a crash or an OOM kill would
  local jvm
  jvm=$(pgrep -P "$pid" -f org.bsnn.experiments.cli.BsnnCli | head -1)
  kill -s "$sig" "${jvm:-$pid}" 2>/dev/null
  wait "$pid" 2>/dev/null
}
same_results() { cmp -s "$ref_csv" "$(ls "$1"/runs/faults-smoke/*/results.csv)"; }
complete() { "$bsnn" runs faults-smoke --results-dir "$1" 2>/dev/null | grep -q complete && ! "$bsnn" runs faults-smoke --results-dir "$1" 2>/dev/null | grep -qE 'interrupted|failed|running'; }
for sig in KILL INT; do
  res="$scratch/killed-$sig"
  start_and_kill "$sig" 4 "$res"
  "$bsnn" run "$smoke" --resume --results-dir "$res" >/dev/null 2>&1
  check "SIG$sig mid-run, then --resume: complete" "bsnn runs says complete" complete "$res"
  check "SIG$sig mid-run, then --resume: same bytes" "results.csv byte-identical to an uninterrupted run" same_results "$res"
  check "SIG$sig mid-run, then --resume: bsnn diff" "bsnn diff reports no difference" \
    "$bsnn" diff "$(dirname "$ref_csv")" "$(ls -d "$res"/runs/faults-smoke/*/)"
done

# --- two processes on one run (the lock) -----------------------------------------------------------
res="$scratch/locked"
# a longer run (400 timesteps), so that the first process still works when the second has started
locked="$scratch/locked.yaml"
sed -e 's/^name: faults-smoke/name: faults-locked/' -e 's/timesteps: 60/timesteps: 400/' "$smoke" >"$locked"
setsid "$bsnn" run "$locked" --results-dir "$res" >/dev/null 2>"$scratch/first.err" &
first=$!
for _ in $(seq 1 600); do grep -q . "$res"/runs/faults-locked/*/run.lock 2>/dev/null && break; sleep 0.2; done
expect_error "second process on a running run" live "$res" "is in use by process" -- \
  "$bsnn" run "$locked" --resume "$(ls -d "$res"/runs/faults-locked/*/)" --results-dir "$res"
wait "$first"
check "the first process completes despite the second" "bsnn runs says complete" \
  bash -c "'$bsnn' runs faults-locked --results-dir '$res' | sed -n 3p | grep -q '  complete  '"

# --- results folder: a file, read-only, full --------------------------------------------------------
touch "$scratch/a-file"
expect_error "--results-dir is a file" none "$results" "a-file" "not a directory" -- \
  "$bsnn" run "$scratch/idx.yaml" --results-dir "$scratch/a-file"
if is_root && mkdir -p "$scratch/ro" && mount -t tmpfs -o size=1m,ro tmpfs "$scratch/ro" 2>/dev/null; then
  mounts+=("$scratch/ro")
  expect_error "--results-dir on a read-only file system" none "$results" "read-only file system" -- \
    "$bsnn" run "$scratch/idx.yaml" --results-dir "$scratch/ro/results"
else
  skip "--results-dir on a read-only file system" "needs root to mount a tmpfs"
fi
if is_root && mkdir -p "$scratch/full" && mount -t tmpfs -o size=1m tmpfs "$scratch/full" 2>/dev/null; then
  mounts+=("$scratch/full")
  # results already there (a copy of the baseline) must survive the disk filling up
  cp -r "$results" "$scratch/full/results" 2>/dev/null
  # leave 12 KiB: enough for the run folder's first files, not for the trained network
  head -c $(( $(df --output=avail -B1 "$scratch/full" | tail -1) - 12288 )) /dev/zero >"$scratch/full/filler" 2>/dev/null
  expect_error "disk full while writing results" failed "$scratch/full/results" "No space left on device" -- \
    "$bsnn" run "$scratch/idx.yaml" --results-dir "$scratch/full/results"
  rm -f "$scratch/full/filler"
  check "after the disk is freed, --resume completes" "bsnn runs says the resumed run is complete" \
    bash -c "'$bsnn' run '$scratch/idx.yaml' --resume --results-dir '$scratch/full/results' && '$bsnn' runs faults-idx --results-dir '$scratch/full/results' | sed -n 3p | grep -q complete"
else
  skip "disk full while writing results" "needs root to mount a small tmpfs"
fi

# --- permissions, as a user other than root (root reads everything) ---------------------------------
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if is_root && command -v setpriv >/dev/null && as_nobody test -x "$bsnn" 2>/dev/null \
    && as_nobody test -r "$home/experiments/target/.bsnn-built" 2>/dev/null; then
  perm="$scratch/perm"
  mkdir -p "$perm/results" && cp "$scratch/data/"* "$perm/"
  idx_yaml "$perm/train-images" | sed "s|$scratch/data|$perm|g" >"$perm/ok.yaml"
  cp "$perm/ok.yaml" "$perm/unreadable.yaml"
  chmod 000 "$perm/unreadable.yaml"
  cp "$perm/train-images" "$perm/unreadable-images"
  chmod 000 "$perm/unreadable-images"
  idx_yaml "$perm/unreadable-images" | sed "s|$scratch/data|$perm|g" >"$perm/data.yaml"
  chmod -R a+rX "$scratch" 2>/dev/null # (the read-only mount refuses; that is fine)
  chmod 000 "$perm/unreadable.yaml" "$perm/unreadable-images"
  chown -R 65534:65534 "$perm/results"
  as_nobody "$bsnn" run "$perm/ok.yaml" --results-dir "$perm/results" >/dev/null 2>&1 # results to keep
  export BSNN_JAVA_OPTS="-Duser.home=$perm" # nobody's home does not exist
  expect_error "experiment file not readable" none "$perm/results" "permission denied" "unreadable.yaml" -- \
    as_nobody "$bsnn" run "$perm/unreadable.yaml" --results-dir "$perm/results"
  expect_error "data file not readable" none "$perm/results" "unreadable-images" -- \
    as_nobody "$bsnn" run "$perm/data.yaml" --results-dir "$perm/results"
  chmod -R a-w "$perm/results"
  expect_error "results folder not writable" none "$perm/results" "permission denied" -- \
    as_nobody "$bsnn" run "$perm/ok.yaml" --results-dir "$perm/results"
  unset BSNN_JAVA_OPTS
else
  skip "files another user may not read" "needs root and setpriv"
fi

# --- summary -----------------------------------------------------------------------------------------
echo
echo "fault suite: $cases cases, $passed passed, $((cases - passed)) failed, $skipped skipped;" \
  "$clear clear errors, $leaks stack traces or class names shown, $silent silent acceptances, $lost data lost"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'failed: %s\n' "${failures[@]}"
  exit 1
fi
