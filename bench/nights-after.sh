#!/usr/bin/env bash
# Does a night cost more as the warehouse grows? After bench/run.sh SCALE, loads further nights one at a time into its
# warehouse, as the schedule would, and reports each night's seconds, CPU-seconds (user and system) and stages (each
# as seconds/CPU-seconds). Night N is 1% of the campaign dated 2023-08-(8+N), seed 2023+N, as the earlier benchmark
# sections generated them (night 1 is bench/run.sh's own). The nights follow each other within a minute, so compare
# them with each other, not with a machine measured another day: this shared machine moves a night by several
# seconds over an afternoon.
#
#   bench/nights-after.sh SCALE FIRST LAST [REPORT]     e.g. 1.0 2 26; REPORT as bench/run.sh's
#
# Each night's log is target/bench/<scale>/nights/night<N>.err, at DEBUG.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
. bench/loads.sh
nights_setup "$@"
mkdir -p "$WORK/nights"

{
  echo "| night | date | records | seconds | CPU-seconds | seconds/CPU-seconds per stage |"
  echo "|---|---|---|---|---|---|"
} > "$WORK/nights-after.md"
for night in $(seq "$FIRST" "$LAST"); do
  date=$(date -d "2023-08-08 + $night days" +%Y-%m-%d)
  inbox=$(night_inbox "$SCALE" "$night")
  log="$WORK/nights/night$night"
  CAMPAIGN_LOG_LEVEL=DEBUG /usr/bin/time -f "%e %U %S" -o "$log.time" java $JAVA_OPTS -jar "$JAR" load \
    --warehouse "$WORK/warehouse" --jobs "$WORK/jobs" --inbox "$inbox" --key-file "$WORK/bench.key" \
    > "$log.out" 2> "$log.err" &
  timer=$!
  sample_cpu "$timer" "$log.cpu"
  wait "$timer"
  seconds_cpu=$(awk '{ printf "%s | %.1f", $1, $2 + $3 }' "$log.time")
  echo "| $night | $date | $(records "$log.out") | $seconds_cpu | $(stages "$log.err" "$log.cpu") |" \
    | tee -a "$WORK/nights-after.md" >&2
done

report() {
  cat <<MD
## Nights after the campaign, scale $SCALE ($(date -u +%Y-%m-%d), $(nproc) cores)

Command: \`bench/nights-after.sh $SCALE $FIRST $LAST\` after \`bench/run.sh $SCALE\`: one \`load\` per night
(\`java $JAVA_OPTS -jar\`, DEBUG log), each into the warehouse the night before left.

$(cat "$WORK/nights-after.md")
MD
}
report > "$WORK/nights-after-report.md"
section "$REPORT" "nights after $SCALE" "$WORK/nights-after-report.md"
