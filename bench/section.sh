# Sourced by the bench scripts. section REPORT NAME FILE: prints FILE, and unless REPORT is "-" puts it in REPORT
# between the markers <!-- bench NAME --> and <!-- /bench NAME -->, replacing what they held (or appending them).
section() {
  local report=$1 start="<!-- bench $2 -->" end="<!-- /bench $2 -->" file=$3
  cat "$file"
  [ "$report" != "-" ] || return 0
  if [ -f "$report" ] && grep -qF "$start" "$report"; then
    awk -v s="$start" -v e="$end" -v f="$file" '
      $0 == s { print; while ((getline line < f) > 0) print line; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$report" > "$report.tmp" && mv "$report.tmp" "$report"
  else
    { echo; echo "$start"; cat "$file"; echo "$end"; } >> "$report"
  fi
  echo "written to $report" >&2
}
