# Sourced by the bench scripts that time loads one by one.

# require_time: each load's CPU-seconds come from GNU time; stops the script with a sentence when it is missing.
require_time() {
  if [ ! -x /usr/bin/time ]; then
    echo "$0 needs /usr/bin/time for each load's CPU-seconds: install the Debian package \"time\"" >&2
    exit 1
  fi
}

# stages LOG [CPU]: the seconds from each step's first line to the next's in a load's log (staging, staging tables,
# star, views, checks, commit), on one line; with the samples of sample_cpu, the start up to the inbox scan first,
# and each followed by the CPU-seconds the process used in it ("staging 5.8/10.7"): a night is CPU-bound, so a
# stage's CPU says what it costs when the other core is busy too. Times of day: a load must not run across midnight.
stages() {
  awk '
    FILENAME != LOG { when[++samples] = $1; ticks[samples] = $2; next }
    # the log stamps its lines in the schedule zone: the samples are placed in the same day by its offset
    !offset && $3 ~ /^[+-][0-9][0-9]:[0-9][0-9]$/ {
      offset = (substr($3, 2, 2) * 3600 + substr($3, 5, 2) * 60) * (substr($3, 1, 1) == "-" ? -1 : 1)
      for (i = 1; i <= samples; i++) { day[i] = (when[i] + offset) % 86400 }
    }
    / INFO  LoadJobConfig - .* new file\(s\) in / {
      start = seconds($2); cpu = used(start)
      # with samples, the JVM'"'"'s start to the inbox scan comes first: they begin with the process
      if (samples) printf "startup %.1f/%.1f  ", start - day[1], cpu - ticks[1] / HZ }
    / INFO  LoadJobConfig - (bringing|building|checking|committing|committed)/ {
      now = seconds($2)
      printf "%s %.1f%s  ", step[++n], now - start, samples ? sprintf("/%.1f", used(now) - cpu) : ""
      start = now; cpu = used(now) }
    function seconds(clock,  t) { split(clock, t, ":"); return t[1] * 3600 + t[2] * 60 + t[3] }
    # CPU-seconds used by a time of day, between the samples around it
    function used(at,  i) {
      if (!samples) return 0
      for (i = 2; i <= samples && day[i] < at; i++) { }
      if (i > samples) return ticks[samples] / HZ
      return (ticks[i - 1] + (ticks[i] - ticks[i - 1]) * (at - day[i - 1]) / (day[i] - day[i - 1])) / HZ }
    BEGIN { step[1] = "staging"; step[2] = "staging-tables"; step[3] = "star"; step[4] = "views";
            step[5] = "checks"; step[6] = "commit" }
  ' LOG="$1" HZ="$(getconf CLK_TCK)" ${2:+"$2"} "$1"
}

# sample_cpu PARENT OUT: every tenth of a second until it ends, the time (seconds since the epoch) and the CPU ticks
# used so far (user and system) of the Java process PARENT started, for stages: its child (GNU time runs the load as
# its child) or its grandchild (a shell function run in the background runs GNU time as its child).
sample_cpu() {
  local java="" stat fields child
  while [ -z "$java" ] && kill -0 "$1" 2>/dev/null; do
    java=$(pgrep -P "$1" -x java || true)
    if [ -z "$java" ]; then
      for child in $(pgrep -P "$1" || true); do
        java=$(pgrep -P "$child" -x java || true)
        [ -z "$java" ] || break
      done
    fi
    sleep 0.02
  done
  : > "$2"
  # 2>/dev/null before the file: a redirection that fails reports to the stderr in force when it is made
  while [ -n "$java" ] && read -r stat 2>/dev/null < "/proc/$java/stat"; do
    read -ra fields <<< "${stat##*) }"
    echo "$(date +%s.%N) $((fields[11] + fields[12]))" >> "$2"
    sleep 0.1
  done
}

# nights_setup SCALE FIRST LAST [REPORT]: for the scripts that load further nights after bench/run.sh SCALE, their
# arguments (SCALE, FIRST, LAST, REPORT) and the folder, jar and JVM options they use (WORK, JAR, JAVA_OPTS); stops the
# script with a sentence when an argument or the warehouse is missing.
nights_setup() {
  if [ $# -lt 3 ]; then
    echo "usage: $0 SCALE FIRST LAST [REPORT]" >&2
    exit 2
  fi
  SCALE=$1
  FIRST=$2
  LAST=$3
  REPORT=${4:-docs/BENCHMARKS.md}
  require_time
  WORK=target/bench/$SCALE
  JAR=${JAR:-target/campaign-warehouse.jar}
  JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
  if [ ! -d "$WORK/warehouse" ]; then
    echo "$WORK/warehouse does not exist: run bench/run.sh $SCALE first" >&2
    exit 1
  fi
}

# night_inbox SCALE N: the folder of night N after bench/run.sh SCALE's campaign, generated the first time: 1% of the
# campaign dated 2023-08-(8+N), seed 2023+N, as the earlier benchmark sections generated them (night 1 is bench/run.sh's
# own). Uses JAR and JAVA_OPTS.
night_inbox() {
  local folder=target/bench/$1/night$2
  if [ ! -d "$folder" ]; then
    java $JAVA_OPTS -jar "$JAR" generate --out "$folder" --scale "$(awk -v s="$1" 'BEGIN { print s / 100 }')" \
      --from "$(date -d "2023-08-08 + $2 days" +%Y-%m-%d)" --days 1 --seed $((2023 + $2)) >&2
  fi
  echo "$folder"
}

# records OUT: the records a load read, from the summary line it printed (e.g. 504,608).
records() {
  grep -o 'summary: .*' "$1" | sed -E 's/.*; ([0-9,]+) records.*/\1/'
}

# huge_pages: the kernel's transparent huge page mode (always, madvise or never): on some virtual machines a page
# touched for the first time costs microseconds, and under "always" a night takes half the page faults (BENCHMARKS,
# session 34), so figures from machines in different modes differ by that much.
huge_pages() {
  sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true
}
