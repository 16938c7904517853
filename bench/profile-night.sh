#!/usr/bin/env bash
# Where a night's CPU goes, DuckDB's native code included: replays NIGHT once into WAREHOUSE (bench/replay-night.sh,
# which leaves the warehouse as it was) under async-profiler, and prints the night's CPU samples by kind (DuckDB, the
# staging's Java, the JIT's compilers, the garbage collector...) and the functions most samples end in.
#
#   bench/profile-night.sh WAREHOUSE NIGHT [JAR]     JAR default target/campaign-warehouse.jar
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler, whose jar holds the Linux library) into
# target/bench/async-profiler/. It samples the process's CPU time every 2 ms with a process-wide timer (itimer), which
# reaches DuckDB's own threads as well as the JVM's (perf events missed DuckDB's worker thread); the time the kernel
# spends on a thread's behalf (its page faults) counts for the function it interrupted. A night gets about half the
# samples its CPU time would give (one timer for the process, whose signals seem to merge when both cores are busy),
# and the profiler slows it by a fifth to a third: read the shares, not the seconds. The samples stay in
# LOGS/night.collapsed (one stack per line, "frame;frame;... count"), for a flame graph.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 WAREHOUSE NIGHT [JAR]" >&2
  exit 2
fi
for folder in "$1" "$2"; do
  if [ ! -d "$folder" ]; then
    echo "$0: $folder is not a folder: give a loaded warehouse (after bench/run.sh) and a night's inbox" >&2
    exit 2
  fi
done
# the arguments as given, from where the script was started; then the project's folder, for target/ and bench/
WAREHOUSE=$(realpath "$1")
NIGHT=$(realpath "$2")
JAR=${3:+$(realpath "$3")}
LOGS=${LOGS:+$(realpath -m "$LOGS")}
cd "$(dirname "$0")/.."
JAR=${JAR:-$(realpath target/campaign-warehouse.jar)}
if [ ! -f "$JAR" ]; then
  echo "$0: $JAR does not exist: build it (mvn package -DskipTests) or name a jar" >&2
  exit 2
fi
VERSION=${ASYNC_PROFILER_VERSION:-4.2}
LOGS=${LOGS:-$(dirname "$WAREHOUSE")/profile}

case $(uname -m) in
  x86_64) platform=linux-x64 ;;
  aarch64) platform=linux-arm64 ;;
  *) echo "$0: async-profiler has no library for $(uname -m) in its Maven jar" >&2; exit 1 ;;
esac
library=target/bench/async-profiler/$VERSION/$platform/libasyncProfiler.so
if [ ! -f "$library" ]; then
  folder=target/bench/async-profiler/$VERSION
  if ! mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$VERSION" -DoutputDirectory="$folder" >&2
  then
    echo "$0: async-profiler $VERSION could not be fetched from Maven Central (see Maven's lines above)" >&2
    exit 1
  fi
  (cd "$folder" && jar xf "async-profiler-$VERSION.jar" "$platform")
fi
mkdir -p "$LOGS"
collapsed=$(realpath "$LOGS")/night.collapsed
rm -f "$collapsed"
LOGS=$LOGS bench/replay-night.sh "$WAREHOUSE" "$NIGHT" 1 \
  "-agentpath:$(realpath "$library")=start,event=itimer,interval=2ms,collapsed,file=$collapsed $JAR" | grep "^round" || true
if [ ! -s "$collapsed" ]; then
  echo "$0: no samples in $collapsed: the replay stopped (see above) or the load failed (see $LOGS/round1-jar0.err)" >&2
  exit 1
fi

# each stack counts once, for the first kind that matches it, in this order
awk '
  BEGIN {
    kind("JIT compilers", "CompileBroker::compiler_thread_loop")
    kind("garbage collector and VM", "GangWorker::run|ConcurrentGCThread::run|VMThread::run|WatcherThread::run")
    # the thread that runs a statement asks for a task again and again while the other finishes the last one
    kind("DuckDB waiting for its other thread", "Executor::IdleState|" \
      "ExecuteTaskInternal;duckdb::Executor::ExecuteTask;duckdb::TaskScheduler::GetTaskFromProducer")
    kind("DuckDB", "duckdb::|libduckdb")
    kind("the staging (archives, CSV, validation, parquet-mr)",
      "cn/campaign/warehouse/(ingest|validate)/|org/apache/parquet/")
    kind("Iceberg", "org/apache/iceberg/")
    kind("other Java and JVM", ".")
  }
  function kind(title, regex) { name[++n] = title; pattern[n] = regex }
  {
    count = $NF; stack = $0; sub(/ [0-9]+$/, "", stack); total += count
    for (i = 1; i <= n; i++) if (stack ~ pattern[i]) { samples[i] += count; break }
    leaf = stack; sub(/.*;/, "", leaf); leaves[leaf] += count
  }
  END {
    printf "| kind | samples | share |\n|---|---|---|\n"
    for (i = 1; i <= n; i++) printf "| %s | %d | %.1f %% |\n", name[i], samples[i], 100 * samples[i] / total
    printf "| all | %d | |\n\nthe functions most samples end in:\n", total
    top = "sort -nr | head -15"
    for (leaf in leaves) printf "%d %.1f %% %s\n", leaves[leaf], 100 * leaves[leaf] / total, leaf | top
  }' "$collapsed"
echo "samples: $collapsed"
