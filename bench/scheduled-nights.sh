#!/usr/bin/env bash
# What does a night cost under `schedule`, the daemon the README runs the nightly load with? After bench/run.sh SCALE,
# starts one daemon on its warehouse and hands it the nights FIRST to LAST one at a time, as the sources would deliver
# them, and reports each night's seconds (the load's own, from its summary line), CPU-seconds and stages (each as
# seconds/CPU-seconds, the first from the load's start to its inbox scan), as bench/nights-after.sh does for one
# `load` process per night. The daemon's first night pays the JVM's start and warm-up; the later ones run in the JVM
# the first left warm. Nights are generated as bench/nights-after.sh generates them, before the daemon starts: run both
# on the same state (restored in between) to compare the two ways of running a night.
#
#   bench/scheduled-nights.sh SCALE FIRST LAST [REPORT]     e.g. 1.0 10 14; REPORT as bench/run.sh's
#
# The daemon loads every 5 seconds (`--cron "*/5 * * * * *"`) from an inbox that is a link switched, by one rename, to
# a folder holding the nights handed over so far, so that no load sees half a night (files loaded before are not
# loaded again). Loads between two nights find nothing new. Its log is target/bench/<scale>/scheduled/daemon.err, at
# DEBUG. The warehouse keeps the nights, as with bench/nights-after.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/section.sh
. bench/loads.sh
nights_setup "$@"
DIR=$WORK/scheduled
rm -rf "$DIR"
mkdir -p "$DIR/upto0"
ln -s upto0 "$DIR/inbox"
for night in $(seq "$FIRST" "$LAST"); do
  night_inbox "$SCALE" "$night" > /dev/null
done

CAMPAIGN_LOG_LEVEL=DEBUG /usr/bin/time -f "%e %U %S %M" -o "$DIR/daemon.time" java $JAVA_OPTS -jar "$JAR" schedule \
  --cron "*/5 * * * * *" --warehouse "$WORK/warehouse" --jobs "$WORK/jobs" --inbox "$DIR/inbox" \
  --key-file "$WORK/bench.key" > "$DIR/daemon.out" 2> "$DIR/daemon.err" &
timer=$!
sample_cpu "$timer" "$DIR/daemon.cpu" &
sampler=$!
# the daemon runs until stopped; GNU time then reports it ended by a signal, which is how it ends here
trap 'pkill -P "$timer" -x java 2>/dev/null || true; wait "$timer" "$sampler" 2>/dev/null || true' EXIT

# night_load K: the daemon's log from the K-th load that found new files to its commit
night_load() {
  awk -v k="$1" '
    / INFO  LoadJobConfig - [1-9][0-9,]* new file\(s\) in / { found++ }
    found == k { print }
    found == k && / INFO  LoadJobConfig - committed/ { exit }' "$DIR/daemon.err"
}

# epoch LINE: the time a log line is stamped with, in seconds since the epoch
epoch() {
  date -d "$(cut -d' ' -f1-3 <<< "$1")" +%s.%N
}

{
  echo "| night | date | records | seconds | CPU-seconds | seconds/CPU-seconds per stage |"
  echo "|---|---|---|---|---|---|"
} > "$DIR/nights.md"
handed=0
for night in $(seq "$FIRST" "$LAST"); do
  cp -al "$DIR/upto$handed/." "$DIR/upto$night"
  cp -al "$(night_inbox "$SCALE" "$night")/." "$DIR/upto$night"
  handed=$night
  loads=$(grep -c '^summary: [1-9]' "$DIR/daemon.out" || true)
  runs=$(grep -c '^summary: ' "$DIR/daemon.out" || true)
  ln -s "upto$night" "$DIR/inbox.next"
  mv -T "$DIR/inbox.next" "$DIR/inbox"
  while [ "$(grep -c '^summary: [1-9]' "$DIR/daemon.out" || true)" -le "$loads" ]; do
    if ! kill -0 "$timer" 2>/dev/null || grep -q '^load failed' "$DIR/daemon.err" \
      || grep -q '^load finished with exit status 1' "$DIR/daemon.out"; then
      echo "the daemon stopped or a load failed; see $DIR/daemon.out and $DIR/daemon.err" >&2
      exit 1
    fi
    # the load that began before the switch may have missed it, the next one cannot
    if [ "$(grep -c '^summary: ' "$DIR/daemon.out" || true)" -gt $((runs + 2)) ]; then
      echo "the daemon loaded nothing of night $night: its files were loaded into $WORK/warehouse before, or" \
        "quarantined (see $DIR/daemon.out)" >&2
      exit 1
    fi
    sleep 0.5
  done
  summary=$(grep '^summary: [1-9]' "$DIR/daemon.out" | sed -n "$((loads + 1))p")
  seconds=$(sed -E 's/.*; ([0-9.]+) s;.*/\1/' <<< "$summary")
  night_load $((loads + 1)) > "$DIR/night$night.err"
  # the load's samples: from its start (its commit less its seconds) to its commit
  end=$(epoch "$(grep ' INFO  LoadJobConfig - committed' "$DIR/night$night.err")")
  awk -v from="$(awk -v e="$end" -v s="$seconds" 'BEGIN { printf "%.3f", e - s }')" -v to="$end" \
    '$1 >= from - 0.05 && $1 <= to + 0.1' "$DIR/daemon.cpu" > "$DIR/night$night.cpu"
  cpu=$(awk -v hz="$(getconf CLK_TCK)" 'NR == 1 { first = $2 } { last = $2 } END { printf "%.1f", (last - first) / hz }' \
    "$DIR/night$night.cpu")
  echo "| $night | $(date -d "2023-08-08 + $night days" +%Y-%m-%d) | $(records <(echo "$summary")) | $seconds | $cpu |" \
    "$(stages "$DIR/night$night.err" "$DIR/night$night.cpu") |" | tee -a "$DIR/nights.md" >&2
done

# the daemon's peak RSS over all the nights: does a JVM that stays up keep more memory night after night?
pkill -P "$timer" -x java || true
wait "$timer" "$sampler" 2>/dev/null || true
peak=$(awk '$1 !~ /^Command/ { printf "%d", $4 / 1024 }' "$DIR/daemon.time")

report() {
  cat <<MD
## Nights under the schedule daemon, scale $SCALE ($(date -u +%Y-%m-%d), $(nproc) cores)

Command: \`bench/scheduled-nights.sh $SCALE $FIRST $LAST\` after \`bench/run.sh $SCALE\`: one \`schedule\` daemon
(\`java $JAVA_OPTS -jar\`, DEBUG log) loads the nights one at a time, each into the warehouse the night before left;
the first night starts the JVM, the others run in it. Seconds are each load's own (its summary line), CPU-seconds
the daemon's over them. The daemon's peak RSS over the $((LAST - FIRST + 1)) nights: $peak MiB.

$(cat "$DIR/nights.md")
MD
}
report > "$DIR/report.md"
section "$REPORT" "scheduled nights $SCALE" "$DIR/report.md"
