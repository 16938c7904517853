# Sourced by the bench scripts that time loads one by one.

# require_time: each load's CPU-seconds come from GNU time; stops the script with a sentence when it is missing.
require_time() {
  if [ ! -x /usr/bin/time ]; then
    echo "$0 needs /usr/bin/time for each load's CPU-seconds: install the Debian package \"time\"" >&2
    exit 1
  fi
}

# stages LOG: the seconds from each step's first line to the next's in a load's log (staging, staging tables, star,
# views, checks, commit), on one line.
stages() {
  awk '
    / INFO  LoadJobConfig - .* new file\(s\) in / { split($2, t, ":"); start = t[1] * 3600 + t[2] * 60 + t[3] }
    / INFO  LoadJobConfig - (bringing|building|checking|committing|committed)/ {
      split($2, t, ":"); now = t[1] * 3600 + t[2] * 60 + t[3]
      printf "%s %.1f  ", step[++n], now - start; start = now }
    BEGIN { step[1] = "staging"; step[2] = "staging-tables"; step[3] = "star"; step[4] = "views";
            step[5] = "checks"; step[6] = "commit" }
  ' "$1"
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
