#!/usr/bin/env bash
# Does a night cost what it brings, or what the warehouse holds? After bench/run.sh SCALE, this adds a second whole
# campaign (the 2022 sprint, a back-filled year) to a copy of its warehouse, then loads two more nights (1 % of the
# campaign each) into a warehouse holding one campaign and into the one holding two, in the same run. The first
# night settles each copy (a copied folder's first load writes its Iceberg tables again whole, since their metadata
# names the files of the folder it was copied from); the second is the one compared.
#
#   bench/second-campaign.sh [SCALE] [REPORT]     SCALE default 0.01; REPORT default docs/BENCHMARKS.md ("-" = print)
#
# FIRST_NIGHT=N (default 2) settles with night N (2023-08-(8+N)) and compares night N+1: a warehouse that already
# holds night N (loaded by hand since run.sh) takes the next pair.
#
# Needs bench/run.sh SCALE to have run (its warehouse, with its night loaded). Work files go to
# target/bench/<scale>/ beside run.sh's; the copies need twice the warehouse's disk space. IN_PLACE=1 loads the nights
# of one campaign into run.sh's warehouse itself and copies it once, for the second campaign: at scale 1.0 a copy is
# 10 GB and the second campaign adds as much again.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
SCALE=${1:-0.01}
REPORT=${2:-docs/BENCHMARKS.md}
WORK=target/bench/$SCALE
JAR=${JAR:-target/campaign-warehouse.jar}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
[ -d "$WORK/warehouse" ] || { echo "no warehouse in $WORK: run bench/run.sh $SCALE first" >&2; exit 1; }

timed() {
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@"
}
seconds() { cut -d' ' -f1 "$WORK/time.txt"; }
rss_mib() { awk '{ printf "%.0f", $2 / 1024 }' "$WORK/time.txt"; }
load() { # load WAREHOUSE INBOX LOG
  timed java $JAVA_OPTS -jar "$JAR" load --warehouse "$1" --jobs "$WORK/jobs" --inbox "$2" \
    --key-file "$WORK/bench.key" > "$3.out" 2> "$3.err"
}

echo "generating the 2022 sprint at scale $SCALE, and one more night of 2023" >&2
if [ ! -d "$WORK/campaign2022" ]; then
  java $JAVA_OPTS -jar "$JAR" generate --out "$WORK/campaign2022" --scale "$SCALE" --from 2022-05-01 --days 100 \
    --seed 2022 >&2
fi
FIRST_NIGHT=${FIRST_NIGHT:-2}
SETTLE=$FIRST_NIGHT
MEASURED=$((FIRST_NIGHT + 1))
night_date() { date -d "2023-08-08 + $1 days" +%Y-%m-%d; }
MEASURED_DATE=$(night_date "$MEASURED")
for night in "$SETTLE" "$MEASURED"; do
  if [ ! -d "$WORK/night$night" ]; then
    java $JAVA_OPTS -jar "$JAR" generate --out "$WORK/night$night" \
      --scale "$(awk -v s="$SCALE" 'BEGIN { print s / 100 }')" --from "$(night_date "$night")" --days 1 \
      --seed "$((2023 + night))" >&2
  fi
done

echo "copying the warehouse" >&2
rm -rf "$WORK/warehouse-one" "$WORK/warehouse-two"
if [ "${IN_PLACE:-0}" = 1 ]; then
  ONE="$WORK/warehouse"
  SETTLED_ONE="a night into the warehouse of one campaign, in place (IN_PLACE=1: no copy to settle)"
else
  ONE="$WORK/warehouse-one"
  SETTLED_ONE="the first night after the copy, into the warehouse of one campaign (its Iceberg tables written again whole)"
  cp -a "$WORK/warehouse" "$ONE"
fi
cp -a "$WORK/warehouse" "$WORK/warehouse-two"

echo "the 2022 sprint into the second copy" >&2
load "$WORK/warehouse-two" "$WORK/campaign2022" "$WORK/second-campaign"
SECOND_SECONDS=$(seconds); SECOND_RSS=$(rss_mib)
SECOND_RECORDS=$(java $JAVA_OPTS -jar "$JAR" sql --warehouse "$WORK/warehouse-two" --csv \
  "select sum(records) from load_deliveries where business_date < date '2023-01-01'" | tail -1 | tr -d '\r')

echo "a night into each warehouse, to settle the copies" >&2
load "$ONE" "$WORK/night$SETTLE" "$WORK/settle-one"
SETTLE_SECONDS=$(seconds)
load "$WORK/warehouse-two" "$WORK/night$SETTLE" "$WORK/settle-two"
echo "one more night into the warehouse of one campaign, then into the one of two" >&2
load "$ONE" "$WORK/night$MEASURED" "$WORK/night-one"
ONE_SECONDS=$(seconds); ONE_RSS=$(rss_mib)
load "$WORK/warehouse-two" "$WORK/night$MEASURED" "$WORK/night-two"
TWO_SECONDS=$(seconds); TWO_RSS=$(rss_mib)
NIGHT_RECORDS=$(java $JAVA_OPTS -jar "$JAR" sql --warehouse "$WORK/warehouse-two" --csv \
  "select sum(records) from load_deliveries where business_date = date '$MEASURED_DATE'" | tail -1 | tr -d '\r')
CAMPAIGNS=$(java $JAVA_OPTS -jar "$JAR" sql --warehouse "$WORK/warehouse-two" --csv \
  "select string_agg(campaign_id || ' ' || services, ', ' order by campaign_id) from campaign_totals" \
  | tail -1 | tr -d '\r')
RATIO=$(awk -v a="$TWO_SECONDS" -v b="$ONE_SECONDS" 'BEGIN { printf "%.2f", a / b }')

report() {
  cat <<MD
## Two campaigns, scale $SCALE ($(date -u +%Y-%m-%d), $(nproc) cores)

Command: \`$([ "${IN_PLACE:-0}" = 1 ] && echo "IN_PLACE=1 ")FIRST_NIGHT=$FIRST_NIGHT bench/second-campaign.sh $SCALE\`, after \`bench/run.sh $SCALE\`.

| measure | value |
|---|---|
| the 2022 sprint ($SECOND_RECORDS records) loaded into the warehouse of the 2023 sprint | $SECOND_SECONDS s (peak RSS $SECOND_RSS MiB) |
| $SETTLED_ONE | $SETTLE_SECONDS s |
| one more night ($NIGHT_RECORDS records) into the warehouse of one campaign | $ONE_SECONDS s (peak RSS $ONE_RSS MiB) |
| the same night into the warehouse of two campaigns | $TWO_SECONDS s (peak RSS $TWO_RSS MiB) |
| **ratio two campaigns / one** | **$RATIO** |

Services per campaign in the warehouse of two: \`$CAMPAIGNS\`.
MD
}

report > "$WORK/second-campaign.md"
section "$REPORT" "two campaigns $SCALE" "$WORK/second-campaign.md"
