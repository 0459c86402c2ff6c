#!/usr/bin/env bash
# Fuzzes every Jazzer target (@FuzzTest method) of the project, one at a time, each for the time its
# annotation allows (maxDuration, 45 s here), and prints one line per target: executions, and the
# crashing inputs found. A plain `./bsnn test` only replays the seed and crash inputs; this script is
# what actually fuzzes (JAZZER_FUZZ=1). See docs/reliability.md.
#
#   tools/fuzz/run-all.sh                  all targets
#   tools/fuzz/run-all.sh NpyFuzzTest      the targets whose Class#method contains NpyFuzzTest
#   tools/fuzz/run-all.sh IdxFuzzTest#labels
#
# Targets are found by their @FuzzTest annotation, so adding one is adding one test class (or method).
# A crashing input is saved by Jazzer under the module's src/test/resources/<package>/<Class>Inputs/
# <method>/crash-*, where every later `./bsnn test` replays it: fix the parser, keep the file.
# Exits 1 when a target found a crash or failed to run, 0 otherwise. Logs: target/fuzz/<target>.log.
#
# The modules are compiled once, by one Maven run (target/fuzz/build.log); each target then runs in a
# Maven run that only resolves the reactor and starts the test JVM: compilation, resources, the
# enforcer and the format check are skipped there. Maven 3 finds a sibling module (and the
# workbench-api test-jar with FuzzFiles) as its target/classes only when that module goes through the
# lifecycle in the same run, so `-am` stays; `-pl <module> surefire:test` alone would look for
# org.bsnn snapshots in ~/.m2, which this script never installs.
set -uo pipefail
cd "$(dirname "$0")/../.."
filter="${1:-}"
logs=target/fuzz
mkdir -p "$logs"

# Fuzzing options for the test JVM: Jazzer's hooks on (the plain test run turns them off), coverage
# instrumentation limited to the project and the parser libraries it uses (ND4J and JavaCPP would only
# slow every execution down), and the agent loaded without JDK 21+'s dynamic-loading warning.
includes='org.bsnn.**:org.yaml.snakeyaml.**:com.fasterxml.jackson.**:net.razorvine.**:com.google.protobuf.**'
jazzer_args="-XX:+EnableDynamicAgentLoading -Djazzer.hooks=true -Djazzer.instrumentation_includes=$includes -Djazzer.custom_hook_includes=$includes"

# module:fully.qualified.Class#method for every @FuzzTest method in the test sources.
targets() {
  grep -rl --include='*.java' '@FuzzTest' -- */src/test/java plugins/*/src/test/java 2>/dev/null | sort |
    while read -r file; do
      module=${file%%/src/test/java/*}
      class=${file#*/src/test/java/}
      class=${class%.java}
      class=${class//\//.}
      # the method declared after each @FuzzTest annotation
      awk '/@FuzzTest/ {want=1; next} want && match($0, /void [A-Za-z0-9_]+\(/) {
             print substr($0, RSTART + 5, RLENGTH - 6); want=0 }' "$file" |
        while read -r method; do echo "$module:$class#$method"; done
    done
}

crashes_in() { # the crash files Jazzer keeps for one target
  local module=$1 class=$2 method=$3
  find "$module/src/test/resources/$(echo "${class%.*}" | tr . /)" -path "*/${class##*.}Inputs/$method/crash-*" 2>/dev/null | sort
}

all=$(targets)
selected=()
for t in $all; do
  rest=${t#*:}
  [ -n "$filter" ] && [[ "${rest##*.}" != *"$filter"* ]] && continue
  selected+=("$t")
done
[ ${#selected[@]} -gt 0 ] || { echo "no target matches '$filter'" >&2; exit 1; }
modules=$(printf '%s\n' "${selected[@]}" | cut -d: -f1 | sort -u | paste -sd, -)

# The one build: main and test classes of the targets' modules and everything they depend on.
if ! ./bsnn test -o -pl "$modules" -am -DskipTests -Dspotless.check.skip=true >"$logs/build.log" 2>&1; then
  grep -E "ERROR|BUILD" "$logs/build.log" | head -20 >&2
  echo "build failed; full log: $logs/build.log" >&2
  exit 1
fi
# What a target's run skips: everything above was built by the run before.
no_build="-Dmaven.main.skip=true -Dmaven.resources.skip=true -Denforcer.skip=true -Dspotless.check.skip=true"

total_crashes=0
failed=0
printf '%-60s %12s %8s  %s\n' target executions crashes result
for t in "${selected[@]}"; do
  module=${t%%:*}
  rest=${t#*:}
  class=${rest%%#*}
  method=${rest#*#}
  log="$logs/${class##*.}.$method.log"
  before=$(crashes_in "$module" "$class" "$method")
  # shellcheck disable=SC2086 # $no_build is a list of options
  JAZZER_FUZZ=1 ./bsnn test -o -pl "$module" -am $no_build \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dbsnn.jazzer.args=$jazzer_args" >"$log" 2>&1
  rc=$?
  after=$(crashes_in "$module" "$class" "$method")
  new=$(comm -13 <(echo "$before") <(echo "$after") | grep -c . || true)
  # libFuzzer's last status line: "#<executions> DONE ..." or the last "#<n> pulse/NEW/REDUCE ..." one
  execs=$(grep -aoE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  execs=${execs:-0}
  if [ "$rc" = 0 ]; then result=ok; elif [ "$new" -gt 0 ]; then result=crash; else result="failed (see $log)"; fi
  # A new finding fails the script unless BSNN_FUZZ_FINDINGS_FATAL=0 (CI: findings are reported
  # and kept, the replayed inputs in ./bsnn test are what gates); a target that fails to run always does.
  if [ "$rc" != 0 ] && { [ "$result" != crash ] || [ "${BSNN_FUZZ_FINDINGS_FATAL:-1}" != 0 ]; }; then failed=1; fi
  total_crashes=$((total_crashes + new))
  printf '%-60s %12s %8s  %s\n' "${class##*.}#$method" "$execs" "$new" "$result"
  comm -13 <(echo "$before") <(echo "$after") | sed 's/^/    new crash input: /'
done
echo "crashes found: $total_crashes"
if [ "$total_crashes" -gt 0 ]; then
  echo "FUZZING FOUND $total_crashes NEW CRASHING INPUT(S): fix the parser, commit the crash-* files above" >&2
fi
exit $failed
