#!/usr/bin/env bash
# Kill-and-resume torture test: kill -9 the bsnn JVM at seeded random moments of a small sweep (while
# it trains, balances thresholds, simulates or writes CSV files), resume with --resume each time, and
# require at the end: no lost job, no duplicate row, `bsnn runs` says complete, and results
# byte-identical to an uninterrupted run (cmp of results.csv, and `bsnn diff`).
#
#   tools/faults/torture.sh [--kills N] [--seed S] [--experiment FILE] [--scratch DIR]
#
# Defaults: 20 kills, seed 1, experiments/smoke/pipeline.yaml (2 jobs). When a sweep finishes before
# all kills are spent, a new round starts with a fresh run folder, so every kill lands in real work;
# each round is checked on its own. Prints one line per kill (round, kill point, the run.log line
# the kill interrupted) and a summary; exit code 0 when every round ends complete and identical.
set -uo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bsnn="$home/bsnn"
kills=20 seed=1 experiment="$home/experiments/smoke/pipeline.yaml" scratch=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --experiment) experiment=$(realpath "$2"); shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "torture: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
keep=1
if [ -z "$scratch" ]; then scratch=$(mktemp -d /tmp/bsnn-torture.XXXXXX); keep=0; else mkdir -p "$scratch"; fi
[ "$keep" = 1 ] || trap 'rm -rf "$scratch"' EXIT
RANDOM=$seed # bash's generator: the same seed gives the same kill delays

"$bsnn" --version >/dev/null 2>&1 || { echo "torture: ./bsnn does not start (build failed?)" >&2; exit 1; }
name=$(sed -n 's/^name: *//p' "$experiment" | head -1)

# The reference: one uninterrupted run. Its work time (from the moment its run folder appears, after
# JVM start-up and the checks, to its end) bounds the kill delays.
start=$(date +%s.%N)
"$bsnn" run "$experiment" --results-dir "$scratch/reference" >/dev/null 2>"$scratch/reference.err" &
ref_pid=$!
until ls "$scratch/reference/runs/$name"/*/run.log >/dev/null 2>&1 || ! kill -0 "$ref_pid" 2>/dev/null; do sleep 0.1; done
folder_at=$(date +%s.%N)
wait "$ref_pid" || { cat "$scratch/reference.err" >&2; echo "torture: the reference run failed" >&2; exit 1; }
end=$(date +%s.%N)
ref_s=$(echo "$end - $start" | bc)
work_tenths=$(printf '%.0f' "$(echo "($end - $folder_at) * 10" | bc)")
[ "$work_tenths" -ge 10 ] || work_tenths=10
ref_dir=$(ls -d "$scratch/reference/runs/$name"/*/)
ref_csv="$ref_dir/results.csv"
ref_rows=$(($(wc -l <"$ref_csv") - 1))
ref_jobs=$(ls -d "$ref_dir"/jobs/*/ | wc -l)
printf 'torture: %s, %d jobs, %d result rows; uninterrupted run %.1f s (%d.%d s of work); %d kills, seed %d\n' \
  "$name" "$ref_jobs" "$ref_rows" "$ref_s" $((work_tenths / 10)) $((work_tenths % 10)) "$kills" "$seed"

# Kill points: once the attempt's run folder exists (start-up and the checks done), a delay in
# [0, the reference's work time] in tenths of a second from bash's seeded generator; the console
# and run.log are written in bursts, so the line reached cannot place a kill. Resumed attempts have
# less work left, so long delays let them finish: that ends the round.
kill_point() { # sets d; in this shell, not a subshell, so that the generator advances
  local t=$((RANDOM % (work_tenths + 1)))
  d="$((t / 10)).$((t % 10))"
}

# Starts bsnn; kills its JVM with SIGKILL at the kill point unless it ended first. Prints "killed"
# or the exit code.
run_once() { # RESULTS DELAY ARGS...
  local res=$1 d=$2; shift 2
  local err="$scratch/attempt.err" pid before jvm
  : >"$err"
  before=$(ls -d "$res/runs/$name"/*/ 2>/dev/null)
  setsid "$bsnn" run "$experiment" "$@" --results-dir "$res" >/dev/null 2>"$err" &
  pid=$!
  # a resumed attempt works in the existing folder: wait until its JVM holds the lock (a killed
  # holder's lock is left behind); a new run: wait for its folder
  while kill -0 "$pid" 2>/dev/null; do
    if [ -n "$before" ]; then
      jvm=$(pgrep -P "$pid" java | head -1)
      [ -n "$jvm" ] && grep -qw "$jvm" "$res/runs/$name"/*/run.lock 2>/dev/null && break
    else
      ls "$res/runs/$name"/*/run.log >/dev/null 2>&1 && break; fi
    sleep 0.1
  done
  # wait for the kill point, or less when the run ends first (the last attempt's "kill point"
  # is effectively never, so it must not sleep that long)
  local end
  end=$(echo "$(date +%s.%N) + $d" | bc)
  while kill -0 "$pid" 2>/dev/null && [ "$(echo "$(date +%s.%N) < $end" | bc)" = 1 ]; do
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    jvm=$(pgrep -P "$pid" java | head -1)
    [ -n "$jvm" ] || jvm=$(pgrep -P "$pid" | head -1)
    kill -9 "${jvm:-$pid}" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo killed
  else
    wait "$pid"
    echo $?
  fi
}

verify() { # RESULTS ROUND -> prints problems, nothing when fine
  local res=$1 dirs dir
  dirs=$(ls -d "$res/runs/$name"/*/ 2>/dev/null | wc -l)
  [ "$dirs" = 1 ] || echo "round $2: $dirs run folders, expected 1"
  dir=$(ls -d "$res/runs/$name"/*/ | head -1)
  "$bsnn" runs "$name" --results-dir "$res" 2>/dev/null | sed -n 3p | grep -q '  complete  ' \
    || echo "round $2: bsnn runs does not say complete: $("$bsnn" runs "$name" --results-dir "$res" 2>&1 | sed -n 3p)"
  [ -f "$dir/results.csv" ] || { echo "round $2: no results.csv"; return; }
  local rows dups jobs
  rows=$(($(wc -l <"$dir/results.csv") - 1))
  dups=$(tail -n +2 "$dir/results.csv" | sort | uniq -d | wc -l)
  jobs=$(ls "$dir"/jobs/*/results.csv 2>/dev/null | wc -l)
  lost_jobs=$((lost_jobs + ref_jobs - jobs))
  dup_rows=$((dup_rows + dups))
  [ "$jobs" = "$ref_jobs" ] || echo "round $2: $jobs of $ref_jobs jobs have results"
  [ "$dups" = 0 ] || echo "round $2: $dups duplicate rows"
  [ "$rows" = "$ref_rows" ] || echo "round $2: $rows rows, expected $ref_rows"
  cmp -s "$ref_csv" "$dir/results.csv" || echo "round $2: results.csv differs from the uninterrupted run"
  "$bsnn" diff "$ref_dir" "$dir" >"$scratch/diff-$2.txt" 2>&1 \
    || echo "round $2: bsnn diff reports differences: $(head -3 "$scratch/diff-$2.txt")"
  left=$(find "$dir" \( -name '.*.tmp' -o -name '.*.tmp-*' \) -prune -print)
  [ -z "$left" ] || echo "round $2: temporary files left: $left"
}

done_kills=0 round=0 rounds_bad=0 lost_jobs=0 dup_rows=0
problems=()
while [ "$done_kills" -lt "$kills" ]; do
  round=$((round + 1))
  res="$scratch/round-$round"
  while :; do
    args=()
    ls -d "$res/runs/$name"/*/ >/dev/null 2>&1 && args=(--resume)
    if [ "$done_kills" -lt "$kills" ]; then kill_point; else d=100000; fi
    outcome=$(run_once "$res" "$d" "${args[@]}")
    if [ "$outcome" = killed ]; then
      done_kills=$((done_kills + 1))
      last=$(grep -v Killed "$res/runs/$name"/*/run.log 2>/dev/null | tail -1 | cut -c1-90)
      printf 'kill %2d  round %d  %4s s into the work%s  %s\n' "$done_kills" "$round" "$d" \
        "$([ ${#args[@]} -gt 0 ] && echo ' (resumed)' || echo '          ')" "${last:-(before the run folder existed)}"
      continue
    fi
    [ "$outcome" = 0 ] || problems+=("round $round: bsnn exited with $outcome")
    break
  done
  mapfile -t found < <(verify "$res" "$round")
  if [ ${#found[@]} -gt 0 ]; then problems+=("${found[@]}"); rounds_bad=$((rounds_bad + 1)); fi
  printf 'round %d: complete%s\n' "$round" "$([ ${#found[@]} = 0 ] && echo ', identical to the uninterrupted run' || echo ": ${found[*]}")"
done

echo
echo "torture: $done_kills kills in $round rounds; $lost_jobs lost jobs, $dup_rows duplicate rows," \
  "$rounds_bad rounds differing from the uninterrupted run"
if [ ${#problems[@]} -gt 0 ]; then printf '  %s\n' "${problems[@]}"; exit 1; fi
