#!/usr/bin/env bash
# Times the whole-campaign load against DuckDB's native CSV -> Parquet path on the same generated files, in the
# same run; then the nightly increment (one more night, ~1% of the campaign) and every report view.
#
#   bench/run.sh [SCALE] [REPORT]     SCALE default 0.01; REPORT default docs/BENCHMARKS.md ("-" = print only)
#
# Work files go to target/bench/<scale>/. Peak RSS needs /usr/bin/time (Debian package "time"); without it the
# figures say n/a.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
. bench/loads.sh
SCALE=${1:-0.01}
REPORT=${2:-docs/BENCHMARKS.md}
WORK=target/bench/$SCALE
# JAR=... runs another build (a copy, so that rebuilding the project meanwhile leaves the run alone)
JAR=${JAR:-target/campaign-warehouse.jar}
# the heap a nightly load is run with (see README, Scheduling); DuckDB keeps to its own 1 GB and spills beyond
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
[ -f "$JAR" ] || mvn -B -q package -DskipTests

mkdir -p "$WORK"
rm -rf "$WORK/warehouse" "$WORK/native" "$WORK/inbox"
mkdir -p "$WORK/jobs" "$WORK/inbox"
cp jobs/sources.csv jobs/campaigns.csv "$WORK/jobs/"
printf 'inbox.settle.seconds=0\n' > "$WORK/jobs/load.properties"
[ -f "$WORK/bench.key" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/bench.key"

# timed CMD...: runs CMD, leaves "<seconds> <peak RSS KiB> <CPU-seconds, user and system>" in $WORK/time.txt
timed() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@"
  else
    local start end
    start=$(date +%s.%N); "$@"; end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f n/a n/a n/a\n", b - a }' > "$WORK/time.txt"
  fi
}
seconds() { cut -d' ' -f1 "$WORK/time.txt"; }
rss_mib() { awk '{ if ($2 == "n/a") print "n/a"; else printf "%.0f", $2 / 1024 }' "$WORK/time.txt"; }
cpu_seconds() { awk '{ if ($3 == "n/a") print "n/a"; else printf "%.1f", $3 + $4 }' "$WORK/time.txt"; }

echo "generating scale $SCALE (100 nights from 2023-05-01, and one more night of 1%)" >&2
if [ ! -d "$WORK/campaign" ]; then
  timed java $JAVA_OPTS -jar "$JAR" generate --out "$WORK/campaign" --scale "$SCALE" --from 2023-05-01 --days 100 --seed 2023 >&2
  echo "$(seconds)" > "$WORK/generate.seconds"
  java $JAVA_OPTS -jar "$JAR" generate --out "$WORK/night" --scale "$(awk -v s="$SCALE" 'BEGIN { print s / 100 }')" --from 2023-08-09 \
    --days 1 --seed 2024 >&2
fi
cp "$WORK"/campaign/*.zip "$WORK/inbox/"

echo "native baseline: DuckDB read_csv -> COPY TO parquet of every entity file" >&2
timed java $JAVA_OPTS -jar "$JAR" bench native --inbox "$WORK/inbox" --work "$WORK/native" > "$WORK/native.txt"
NATIVE_PROCESS=$(seconds); NATIVE_RSS=$(rss_mib)
NATIVE_ROWS=$(grep native_rows "$WORK/native.txt" | cut -d= -f2)
NATIVE_SECONDS=$(grep native_seconds "$WORK/native.txt" | cut -d= -f2)
NATIVE_CPU=$(grep native_cpu_seconds "$WORK/native.txt" | cut -d= -f2)
rm -rf "$WORK/native"

echo "load of the whole campaign" >&2
# its CPU sampled stage by stage: on two cores, a stage's CPU-seconds say what it would cost with more of them
timed java $JAVA_OPTS -jar "$JAR" load --warehouse "$WORK/warehouse" --jobs "$WORK/jobs" --inbox "$WORK/inbox" \
  --key-file "$WORK/bench.key" > "$WORK/load.out" 2> "$WORK/load.err" &
LOADING=$!
sample_cpu "$LOADING" "$WORK/load.cpu"
wait "$LOADING"
LOAD_SECONDS=$(seconds); LOAD_RSS=$(rss_mib); LOAD_CPU=$(cpu_seconds)
LOAD_STAGES=$(stages "$WORK/load.err" "$WORK/load.cpu")
RECORDS=$(java $JAVA_OPTS -jar "$JAR" sql --warehouse "$WORK/warehouse" --csv "select sum(records) from load_deliveries" \
  | tail -1 | tr -d '\r')
TOTALS=$(java $JAVA_OPTS -jar "$JAR" sql --warehouse "$WORK/warehouse" --csv "select fairs, fair_employers, fair_posts, \
fair_attendees, visiting_institutions, enterprises_visited, posts_opened, posts, services from campaign_totals \
where campaign_id = '2023-sprint'" | tail -1 | tr -d '\r')

echo "report views" >&2
java $JAVA_OPTS -jar "$JAR" bench views --warehouse "$WORK/warehouse" > "$WORK/views.txt"

echo "publish of the latest night" >&2
rm -rf "$WORK/publish"
timed java $JAVA_OPTS -jar "$JAR" publish --warehouse "$WORK/warehouse" --jobs "$WORK/jobs" --as-of 2023-08-08 \
  --out "$WORK/publish" > /dev/null 2>&1
PUBLISH_SECONDS=$(seconds)
PAGE_BYTES=$(stat -c %s "$WORK/publish/2023-08-08/report.html")
WORKBOOK_BYTES=$(stat -c %s "$WORK/publish/2023-08-08/report.xlsx")

echo "nightly increment" >&2
cp "$WORK"/night/*.zip "$WORK/inbox/"
timed java $JAVA_OPTS -jar "$JAR" load --warehouse "$WORK/warehouse" --jobs "$WORK/jobs" --inbox "$WORK/inbox" \
  --key-file "$WORK/bench.key" > "$WORK/night.out" 2> "$WORK/night.err"
NIGHT_SECONDS=$(seconds); NIGHT_RSS=$(rss_mib); NIGHT_CPU=$(cpu_seconds)
NIGHT_RECORDS=$(java $JAVA_OPTS -jar "$JAR" sql --warehouse "$WORK/warehouse" --csv \
  "select sum(records) from load_deliveries where business_date = date '2023-08-09'" | tail -1 | tr -d '\r')

RATIO=$(awk -v a="$LOAD_SECONDS" -v b="$NATIVE_SECONDS" 'BEGIN { printf "%.2f", a / b }')
CPU_RATIO=$(awk -v a="$LOAD_CPU" -v b="$NATIVE_CPU" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a";
  else printf "%.2f", a / b }')
LOAD_RATE=$(awk -v a="$RECORDS" -v b="$LOAD_SECONDS" 'BEGIN { printf "%.0f", a / b }')
NATIVE_RATE=$(awk -v a="$NATIVE_ROWS" -v b="$NATIVE_SECONDS" 'BEGIN { printf "%.0f", a / b }')
MACHINE="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
THP=$(huge_pages)
MACHINE="$MACHINE${THP:+, transparent huge pages $THP}"

report() {
  cat <<MD
## Scale $SCALE ($(date -u +%Y-%m-%d), $MACHINE)

Command: \`bench/run.sh $SCALE\`. Generated: 100 nights from 2023-05-01 ($(ls "$WORK"/campaign/*.zip | wc -l) deliveries, $(du -sh "$WORK/campaign" | cut -f1), $(cat "$WORK/generate.seconds") s).

| measure | value |
|---|---|
| records in the campaign's entity files | $RECORDS |
| native baseline: DuckDB \`read_csv\` → \`COPY TO parquet\` of every entity file (expanded beforehand, not timed) | $NATIVE_SECONDS s, $NATIVE_CPU CPU-seconds ($NATIVE_RATE rows/s; process $NATIVE_PROCESS s, peak RSS $NATIVE_RSS MiB) |
| \`load\` of the whole campaign, JVM start included | $LOAD_SECONDS s, $LOAD_CPU CPU-seconds ($LOAD_RATE rows/s, peak RSS $LOAD_RSS MiB) |
| the load's stages (seconds/CPU-seconds; the kept records' copy is in the staging tables' stage, the Iceberg files in the commit's) | $LOAD_STAGES |
| **ratio load / native** | **$RATIO** (CPU-seconds: $CPU_RATIO) |
| nightly increment: \`load\` of one more night ($NIGHT_RECORDS records) into the loaded warehouse | $NIGHT_SECONDS s, $NIGHT_CPU CPU-seconds (peak RSS $NIGHT_RSS MiB) |
| \`publish --as-of 2023-08-08\` (the last night loaded: five CSVs, legend, report.html, report.xlsx, manifest), JVM start included | $PUBLISH_SECONDS s |
| size of report.html / report.xlsx | $(awk -v a="$PAGE_BYTES" -v b="$WORKBOOK_BYTES" 'BEGIN { printf "%.2f MB / %.2f MB", a / 1e6, b / 1e6 }') |
$(sed -E 's/^view_([a-z_]+)=(.*)$/| view `\1` (best of 3) | \2 s |/' "$WORK/views.txt")

\`campaign_totals\` for 2023-sprint after the 100 nights, before the increment (fairs, fair_employers, fair_posts, fair_attendees,
visiting_institutions, enterprises_visited, posts_opened, posts, services): \`$TOTALS\`.
MD
}

report > "$WORK/report.md"
section "$REPORT" "scale $SCALE" "$WORK/report.md"
