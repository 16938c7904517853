#!/usr/bin/env bash
# What thirty continued nights leave in the star: loads a campaign night by night (one load per night, as the
# schedule runs it) and reports, after each, the bytes the night's commit wrote under star/ and the files there
# (Parquet data and delete files, Iceberg metadata), with compaction and snapshot expiry at their defaults, or as
# CAMPAIGN_STAR_SNAPSHOT_RETENTION_HOURS and CAMPAIGN_STAR_COMPACTION_DELETED_SHARE set them. The nights follow each
# other within minutes, so with the default retention (168 h) no snapshot expires: CAMPAIGN_STAR_SNAPSHOT_RETENTION_HOURS=0
# shows what stays once a week of nights has passed the retention.
#
#   bench/thirty-nights.sh [SCALE] [NIGHTS] [REPORT]   SCALE default 0.01, NIGHTS default 30, REPORT as bench/run.sh's
#
# Work files go to target/bench/nights-<scale>/.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
. bench/loads.sh
SCALE=${1:-0.01}
NIGHTS=${2:-30}
REPORT=${3:-docs/BENCHMARKS.md}
RETENTION=${CAMPAIGN_STAR_SNAPSHOT_RETENTION_HOURS:-168}
WORK=target/bench/nights-$SCALE
JAR=${JAR:-target/campaign-warehouse.jar}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
[ -f "$JAR" ] || mvn -B -q package -DskipTests

rm -rf "$WORK/warehouse" "$WORK/inbox"
mkdir -p "$WORK/jobs" "$WORK/inbox"
cp jobs/sources.csv jobs/campaigns.csv "$WORK/jobs/"
printf 'inbox.settle.seconds=0\n' > "$WORK/jobs/load.properties"
[ -f "$WORK/bench.key" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/bench.key"
if [ ! -d "$WORK/campaign" ]; then
  java $JAVA_OPTS -jar "$JAR" generate --out "$WORK/campaign" --scale "$SCALE" --from 2023-05-01 --days "$NIGHTS" \
    --seed 2023 >&2
fi

files() { # files under star/ named *.parquet or in metadata/, and how many of the Parquet files are delete files
  local star="$WORK/warehouse/star"
  printf '%s %s %s' "$(find "$star" -path '*/data/*.parquet' | wc -l)" \
    "$(find "$star" -path '*/data/*.parquet' -name '*-deletes.parquet' | wc -l)" "$(find "$star" -path '*/metadata/*' | wc -l)"
}

{
  echo "| night | records | load s | bytes written under star/ | Parquet files (of which deletes) | metadata files |"
  echo "|---|---|---|---|---|---|"
} > "$WORK/nights.md"
for date in $(ls "$WORK/campaign" | sed -E 's/.*_([0-9]{8})_.*/\1/' | sort -u | head -n "$NIGHTS"); do
  cp "$WORK"/campaign/*_"$date"_*.zip "$WORK/inbox/"
  touch "$WORK/marker"
  start=$(date +%s.%N)
  java $JAVA_OPTS -jar "$JAR" load --warehouse "$WORK/warehouse" --jobs "$WORK/jobs" --inbox "$WORK/inbox" \
    --key-file "$WORK/bench.key" > "$WORK/load.out" 2> "$WORK/load.err"
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  written=$(find "$WORK/warehouse/star" -type f -newer "$WORK/marker" -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  read -r data deletes metadata <<< "$(files)"
  echo "| $date | $(records "$WORK/load.out") | $seconds | $(awk -v b="$written" 'BEGIN { printf "%.1f MB", b / 1e6 }') | $data ($deletes) | $metadata |" \
    | tee -a "$WORK/nights.md" >&2
done

report() {
  cat <<MD
## Thirty nights, scale $SCALE, retention ${RETENTION} h ($(date -u +%Y-%m-%d), $(nproc) cores)

Command: \`CAMPAIGN_STAR_SNAPSHOT_RETENTION_HOURS=$RETENTION bench/thirty-nights.sh $SCALE $NIGHTS\`: one \`load\` per
night, \`star.compaction.deleted.share\` ${CAMPAIGN_STAR_COMPACTION_DELETED_SHARE:-0.2}.

$(cat "$WORK/nights.md")
MD
}
report > "$WORK/report.md"
section "$REPORT" "nights $SCALE $RETENTION" "$WORK/report.md"
