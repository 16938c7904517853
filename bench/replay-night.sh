#!/usr/bin/env bash
# Loads the same night into the same warehouse state again and again, alternating jars, so that two builds are
# compared on identical work: on a shared 2-core machine one night varies by several seconds from run to run, more
# than most single changes save, and a night loaded once cannot be loaded into the same state again.
#
#   bench/replay-night.sh WAREHOUSE NIGHT ROUNDS JAR [JAR ...]
#
# The warehouse is kept aside once (WAREHOUSE.replay-base: immutable Parquet, Avro and metadata files hard-linked,
# every other file copied, since a load changes DuckDB and H2 files in place), then restored at its own path before
# each run: Iceberg metadata names files by absolute path, so a copy elsewhere would be a different warehouse. At the
# end the warehouse is left as it was. Never load into WAREHOUSE.replay-base itself. Needs the disk for two more copies
# of the warehouse's DuckDB files, the base and the run's own (each 8 GB for one national campaign, 17 GB for two).
# Prints each run's seconds, the CPU seconds it used (user and system), the page faults it took (minor ones: memory
# touched for the first time), its peak RSS and its stages (seconds/CPU-seconds), and the median seconds per jar.
# Each run's log is LOGS/round<N>-jar<I>.err, at DEBUG unless LOG_LEVEL says otherwise (TRACE times every statement).
#
# A JAR argument may also name, in one word, the environment and JVM options of its runs before the jar, e.g.
# "-XX:+UseTransparentHugePages target/campaign-warehouse.jar" or "PATH=/opt/other-java/bin:/usr/bin x.jar": one
# build compared with itself under another setting, on the same replays.
#
# PREPARE=NIGHT2 first loads that other night into a copy of the state with each jar, and replays each jar on its
# own copy: builds that record a night's changes differently must each continue a state they wrote themselves (one
# more copy of the warehouse's DuckDB files per jar). The script stops before copying anything when the disk cannot
# hold the copies it needs.
set -euo pipefail
. "$(dirname "$0")/loads.sh"
require_time

if [ $# -lt 4 ]; then
  echo "usage: $0 WAREHOUSE NIGHT ROUNDS JAR [JAR ...]" >&2
  exit 2
fi
WAREHOUSE=$(realpath "$1")
NIGHT=$(realpath "$2")
ROUNDS=$3
shift 3
JARS=("$@")
# split_jar SPEC: "[NAME=VALUE ...] [-OPTION ...] JAR" into settings, options and jar; false, with the reason in
# problem, when it is not that
split_jar() {
  local word words
  settings=() options=() jar= problem=
  read -ra words <<< "$1"
  if [ ${#words[@]} -eq 0 ] || [ ! -f "${words[-1]}" ]; then
    problem="its last word names no jar file that exists"
    return 1
  fi
  jar=${words[-1]}
  for word in "${words[@]:0:${#words[@]}-1}"; do
    case $word in
      -*) options+=("$word") ;;
      *=*) settings+=("$word") ;;
      *) problem="\"$word\" is neither NAME=VALUE nor a JVM option (-...)"; return 1 ;;
    esac
  done
}
for spec in "${JARS[@]}"; do
  if ! split_jar "$spec"; then
    echo "$0: cannot replay \"$spec\": $problem; give [NAME=VALUE ...] [-JVM-OPTION ...] JAR as one argument" >&2
    exit 2
  fi
done
BASE="$WAREHOUSE.replay-base"
JOBS=${JOBS:-$(dirname "$WAREHOUSE")/jobs}
KEY=${KEY:-$(dirname "$WAREHOUSE")/bench.key}
LOGS=${LOGS:-$(dirname "$WAREHOUSE")/replay}
mkdir -p "$LOGS"
# the medians read every run's time file: an earlier replay's would count too
rm -f "$LOGS"/round*-jar*.* "$LOGS"/prepare-jar*.*

# hard links for the files no load changes once written, copies of the others: one cp for the links (a process per
# file took minutes for the 22,000 files of a national warehouse), then the few changed in place copied over them
keep() {
  local from=$1 to=$2
  cp -al "$from" "$to"
  (cd "$from" && find . -type f ! -name '*.parquet' ! -name '*.avro' ! -name '*.metadata.json') | while read -r file; do
    rm "$to/$file"
    cp -p "$from/$file" "$to/$file"
  done
}

if [ -e "$BASE" ]; then
  echo "$BASE exists: a replay was interrupted; restore the warehouse from it or remove it first" >&2
  exit 1
fi
# a night after a load that rebuilt tables whole (a campaign, an upgrade) copies the committed state instead of
# bringing the standby up to date, and that copy would be in every replay: it is not what a night costs
if [ ! -f "$WAREHOUSE/standby/changes.duckdb" ]; then
  echo "warning: the last load into $WAREHOUSE rebuilt tables whole, so each replay copies the committed state" \
    "instead of bringing the standby up to date; load one night into it first to measure an ordinary night" >&2
fi
# a session that ran out of disk minutes into its copies has measured nothing: say so before the first copy
copied=$( (cd "$WAREHOUSE" && find . -type f ! -name '*.parquet' ! -name '*.avro' ! -name '*.metadata.json' \
  -printf '%s\n') | awk '{ bytes += $1 } END { printf "%.0f\n", bytes }')
copies=2
if [ -n "${PREPARE:-}" ]; then copies=$((copies + ${#JARS[@]})); fi
need=$((copied * copies))
free=$(df --output=avail -B1 "$(dirname "$WAREHOUSE")" | tail -1)
if [ "$need" -gt "$free" ]; then
  echo "$0 needs $copies copies of the warehouse's $((copied >> 30)) GB of DuckDB and other changing files" \
    "(the base, the run's own$([ -n "${PREPARE:-}" ] && echo ", one per jar prepared")), $((need >> 30)) GB," \
    "but $((free >> 30)) GB are free beside $WAREHOUSE" >&2
  exit 1
fi
thp=$(huge_pages)
echo "keeping $WAREHOUSE aside${thp:+ (transparent huge pages: $thp)}" >&2
keep "$WAREHOUSE" "$BASE"
trap 'rm -rf "$WAREHOUSE" "$BASE".jar* && keep "$BASE" "$WAREHOUSE" && rm -rf "$BASE"' EXIT

load() {
  local night=$2 log=$3 settings options jar problem
  split_jar "$1"
  CAMPAIGN_LOG_LEVEL=${LOG_LEVEL:-DEBUG} /usr/bin/time -f "%e %U %S %R %M" -o "$log.time" \
    env "${settings[@]}" java -Xmx512m "${options[@]}" -jar "$jar" load \
    --warehouse "$WAREHOUSE" --jobs "$JOBS" --inbox "$night" --key-file "$KEY" > "$log.out" 2> "$log.err" &
  local timer=$!
  sample_cpu "$timer" "$log.cpu"
  wait "$timer" || true
}

# the state a jar's replays start from
start() {
  if [ -n "${PREPARE:-}" ]; then echo "$BASE.jar$1"; else echo "$BASE"; fi
}

if [ -n "${PREPARE:-}" ]; then
  for index in "${!JARS[@]}"; do
    rm -rf "$WAREHOUSE"
    keep "$BASE" "$WAREHOUSE"
    load "${JARS[$index]}" "$(realpath "$PREPARE")" "$LOGS/prepare-jar$index"
    printf 'prepared with jar %s: %s s\n' "${JARS[$index]}" "$(cut -d' ' -f1 "$LOGS/prepare-jar$index.time")"
    keep "$WAREHOUSE" "$BASE.jar$index"
  done
fi

for round in $(seq 1 "$ROUNDS"); do
  for index in "${!JARS[@]}"; do
    rm -rf "$WAREHOUSE"
    keep "$(start "$index")" "$WAREHOUSE"
    sync
    log="$LOGS/round$round-jar$index"
    load "${JARS[$index]}" "$NIGHT" "$log"
    stages=$(stages "$log.err" "$log.cpu")
    printf 'round %s  jar %s  %s  %s\n' "$round" "${JARS[$index]}" \
      "$(awk '{ printf "%s s, CPU %.1f s, %d faults, peak RSS %d MiB", $1, $2 + $3, $4, $5 / 1024 }' "$log.time")" "$stages"
  done
done

for index in "${!JARS[@]}"; do
  printf 'median of jar %s: %s s\n' "${JARS[$index]}" \
    "$(cat "$LOGS"/round*-jar"$index".time | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
done
