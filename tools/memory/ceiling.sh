#!/usr/bin/env bash
# Memory ceiling: runs experiments inside a hard memory limit (default 4 GiB) and reports, per
# experiment, pass/fail and peak resident memory.
#
#   tools/memory/ceiling.sh [--limit 4G] [--quick-subset | --all | FILE...]
#
#   --quick-subset  experiments/quick/fashion-mnist-vgg-small.yaml, the headline (default)
#   --all           every experiment under experiments/quick/ (hours on 2 cores)
#   FILE...         the named experiment files
#
# The limit is a memory cgroup around the run (resident memory, page cache included; no swap):
#   1. systemd-run --scope -p MemoryMax=LIMIT, where systemd manages this machine;
#   2. else a cgroup v2 folder of its own (memory.max, memory.swap.max = 0), where writable;
#   3. else a cgroup v1 memory folder (memory.limit_in_bytes), where writable (as root in containers).
# With none of these the script stops: `ulimit -v`/`prlimit --as` limit virtual address space, which
# the JVM and ND4J reserve far beyond what they touch (heap, code cache, thread stacks, JavaCPP
# arenas), so such a limit fails runs that use little memory and says nothing about resident memory.
#
# The launcher gives the JVM -Xmx4g and JavaCPP maxbytes=6G, maxphysicalbytes=10G; under a smaller
# ceiling those would let the process grow until the kernel kills it. The script scales them to the
# limit through BSNN_JAVA_OPTS (given after the launcher's options, so they win): heap = limit/4,
# JavaCPP maxbytes = limit/2, maxphysicalbytes = limit - 512 MiB. JavaCPP then runs the garbage
# collector, and fails with an out-of-memory error of its own, before the cgroup's OOM killer acts.
#
# Peak RSS is GNU time's "Maximum resident set size" of the JVM (installed with apt-get when missing
# and root); the cgroup's peak (RSS plus page cache) is printed beside it. Runs go to a scratch
# results folder whose cache/ links to results/cache, so trained networks cached there are reused.
set -uo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
limit=4G
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --limit) limit=$2; shift 2 ;;
    --quick-subset) files+=("$home/experiments/quick/fashion-mnist-vgg-small.yaml"); shift ;;
    --all) files+=("$home"/experiments/quick/*.yaml); shift ;;
    -h | --help) sed -n '2,28p' "$0"; exit 0 ;;
    -*) echo "ceiling: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) files+=("$(realpath "$1")"); shift ;;
  esac
done
[ ${#files[@]} -gt 0 ] || files=("$home/experiments/quick/fashion-mnist-vgg-small.yaml")
limit_bytes=$(numfmt --from=iec "$limit") || { echo "ceiling: --limit '$limit' is not a size such as 4G" >&2; exit 2; }
mib() { echo $(($1 / 1048576)); }

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  fi
  [ -x /usr/bin/time ] || { echo "ceiling: needs GNU time (Debian: apt-get install time)" >&2; exit 2; }
fi

# JavaCPP and heap limits scaled to the ceiling (see above).
export BSNN_JAVA_OPTS="${BSNN_JAVA_OPTS:-} -Xmx$(mib $((limit_bytes / 4)))m \
-Dorg.bytedeco.javacpp.maxbytes=$(mib $((limit_bytes / 2)))m \
-Dorg.bytedeco.javacpp.maxphysicalbytes=$(mib $((limit_bytes - 536870912)))m"

# Which mechanism works here: try each with a trivial command.
mechanism=""
own_v1=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ {print $3}' /proc/self/cgroup | head -1)
if command -v systemd-run >/dev/null && systemd-run --scope -q -p MemoryMax="$limit" true >/dev/null 2>&1; then
  mechanism=systemd
elif [ -f /sys/fs/cgroup/cgroup.controllers ] && grep -qw memory /sys/fs/cgroup/cgroup.controllers \
    && mkdir /sys/fs/cgroup/bsnn-ceiling-probe-$$ 2>/dev/null; then
  rmdir /sys/fs/cgroup/bsnn-ceiling-probe-$$
  mechanism=cgroup2
elif [ -n "$own_v1" ] && [ -d "/sys/fs/cgroup/memory$own_v1" ] \
    && mkdir "/sys/fs/cgroup/memory$own_v1/bsnn-ceiling-probe-$$" 2>/dev/null; then
  rmdir "/sys/fs/cgroup/memory$own_v1/bsnn-ceiling-probe-$$"
  mechanism=cgroup1
else
  echo "ceiling: no way to set a memory limit here (no systemd, no writable cgroup v2 or v1 memory" \
    "folder); ulimit -v is not used (see the header of this script)" >&2
  exit 2
fi

scratch=$(mktemp -d /tmp/bsnn-ceiling.XXXXXX)
mkdir -p "$scratch/results"
[ -e "$home/results/cache" ] && ln -s "$(readlink -f "$home/results/cache")" "$scratch/results/cache"
echo "ceiling: limit $limit ($mechanism); JVM options:$BSNN_JAVA_OPTS"
echo "ceiling: scratch results $scratch/results"
printf '%-44s %-6s %12s %14s %9s  %s\n' EXPERIMENT RESULT "PEAK RSS" "CGROUP PEAK" "WALL" NOTE

failed=0
for file in "${files[@]}"; do
  exp=$(basename "$file" .yaml)
  log="$scratch/$exp.log"
  cg=""
  cmd=(/usr/bin/time -v -o "$scratch/$exp.time" "$home/bsnn" run "$file" --results-dir "$scratch/results")
  case "$mechanism" in
    systemd) systemd-run --scope -q -p MemoryMax="$limit" -p MemorySwapMax=0 "${cmd[@]}" >"$log" 2>&1 ;;
    cgroup2)
      cg=/sys/fs/cgroup/bsnn-ceiling-$$-$exp
      mkdir "$cg" && echo "$limit_bytes" >"$cg/memory.max" && { echo 0 >"$cg/memory.swap.max"; } 2>/dev/null
      bash -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' _ "$cg" "${cmd[@]}" >"$log" 2>&1 ;;
    cgroup1)
      cg="/sys/fs/cgroup/memory$own_v1/bsnn-ceiling-$$-$exp"
      mkdir "$cg" && echo "$limit_bytes" >"$cg/memory.limit_in_bytes"
      { echo "$limit_bytes" >"$cg/memory.memsw.limit_in_bytes"; } 2>/dev/null # no swap beyond it
      bash -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' _ "$cg" "${cmd[@]}" >"$log" 2>&1 ;;
  esac
  rc=$?
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/$exp.time")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$scratch/$exp.time")
  peak="-" note=""
  if [ -n "$cg" ]; then
    for f in memory.peak memory.max_usage_in_bytes; do
      [ -r "$cg/$f" ] && peak="$(mib "$(cat "$cg/$f")") MiB" && break
    done
    oom=$(sed -n 's/^oom_kill //p' "$cg/memory.events" "$cg/memory.oom_control" 2>/dev/null | head -1)
    [ "${oom:-0}" != 0 ] && note="killed by the OOM killer"
    # the cgroup can only be removed once empty
    for _ in 1 2 3 4 5; do rmdir "$cg" 2>/dev/null && break; sleep 1; done
  fi
  [ "$rc" = 0 ] || { [ -n "$note" ] || note="exit code $rc: $(grep -m1 -E '^error|rror' "$log" | cut -c1-60)"; }
  result=$([ "$rc" = 0 ] && echo pass || echo FAIL)
  [ "$rc" = 0 ] || failed=$((failed + 1))
  printf '%-44s %-6s %8s MiB %14s %9s  %s\n' "$exp" "$result" "$(( ${rss_kb:-0} / 1024 ))" "$peak" "$wall" "$note"
done
echo "ceiling: ${#files[@]} experiments, $failed failed under $limit; logs in $scratch"
[ "$failed" = 0 ]
