#!/usr/bin/env bash
# Runs the simulator tests (plugins/simulation) again and again under CPU load and reports every
# run that crashed the JVM (a SIGSEGV in libnd4jcpu, say) apart from ordinary test failures. A native
# crash that shows once in hundreds of runs cannot be caught by one green CI run; this is the check
# behind the TAD-free broadcasting of LayerOps (docs/reliability.md).
#
#   tools/stress/simulator-tests.sh [RUNS]        default 20 runs
# Environment: HOGS   busy-looping processes beside the tests (default: the number of CPUs)
#              TESTS  the surefire -Dtest filter (default: the simulators' own and equivalence tests)
# Logs and any hs_err_pid*.log crash reports: target/stress/. Exits 1 if any run crashed or failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
hogs=${HOGS:-$(nproc)}
tests=${TESTS:-'TimeSteppedSimulatorTest,EventDrivenSimulatorTest,BitpackedSimulatorTest,FashionMnistEquivalenceTest,SimulationShardTest'}
out=target/stress
mkdir -p "$out"

hog_pids=()
stop_hogs() {
  for p in "${hog_pids[@]}"; do kill "$p" 2>/dev/null; done
  hog_pids=()
}
trap stop_hogs EXIT
trap 'exit 130' INT TERM # so that EXIT runs and stops the hogs
for _ in $(seq "$hogs"); do
  (while :; do :; done) &
  hog_pids+=($!)
done

# Compile once; every run below only tests.
if ! ./bsnn test -o -pl plugins/simulation -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  >"$out/build.log" 2>&1; then
  echo "build failed: see $out/build.log" >&2
  exit 1
fi

passed=0 failed=0 crashed=0
for i in $(seq "$runs"); do
  log="$out/run-$i.log"
  find plugins/simulation -maxdepth 1 -name 'hs_err_pid*.log' -exec mv {} "$out/" \;
  start=$(date +%s)
  ./bsnn test -o -pl plugins/simulation -am -Dspotless.check.skip=true -Dtest="$tests" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  secs=$(($(date +%s) - start))
  reports=$(find plugins/simulation -maxdepth 1 -name 'hs_err_pid*.log' | wc -l)
  if [ "$reports" -gt 0 ] || grep -qE 'SIGSEGV|SIGBUS|terminated without properly saying goodbye|VM crash' "$log"; then
    crashed=$((crashed + 1))
    find plugins/simulation -maxdepth 1 -name 'hs_err_pid*.log' -exec mv {} "$out/" \;
    verdict="CRASH ($(grep -m1 -oE 'Problematic frame:.*|# C  \[[^]]*\][^ ]*' "$out"/hs_err_pid*.log 2>/dev/null | tail -n 1))"
  elif [ "$rc" = 0 ]; then
    passed=$((passed + 1))
    verdict="ok ($(grep -E 'Tests run:' "$log" | tail -n 1 | sed 's/^\[INFO\] //'))"
  else
    failed=$((failed + 1))
    verdict="FAILED (see $log)"
  fi
  echo "run $i/$runs, ${secs}s, $hogs hog(s): $verdict"
done
echo "runs: $runs, passed: $passed, failed: $failed, crashed: $crashed"
[ "$failed" = 0 ] && [ "$crashed" = 0 ]
