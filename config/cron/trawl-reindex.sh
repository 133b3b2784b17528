#!/bin/sh
# The nightly rebuild, for cron (config/cron/trawl-reindex) and systemd (trawl-reindex.service).
# Install it as $TRAWL_HOME/bin/trawl-reindex, beside trawl-index.
#
# Every line trawl-index prints goes to $TRAWL_LOG with a UTC timestamp; the log's folder is
# created if it is missing, and if that is impossible (or TRAWL_LOG is unset) the lines go to
# syslog instead (`logger -t trawl-index`, which stamps them itself).
# Exit status of trawl-index: 0 all done; 1 some files failed (each is in the log) and the rest
# was indexed, which is logged as a warning and is NOT a failed run; 2 nothing was done: that
# also prints one line on stdout, which cron mails to MAILTO, and the job exits 2.
set -u
bin=${TRAWL_HOME:-/opt/trawl}/bin
log=${TRAWL_LOG:-}

if [ -n "$log" ] && mkdir -p "$(dirname "$log")" 2>/dev/null && : >>"$log" 2>/dev/null; then
    record() {
        while IFS= read -r line; do printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$line"; done >>"$log"
    }
    where=$log
else
    record() { logger -t trawl-index; }
    where="syslog (tag trawl-index)"
fi

echo "trawl-index --rebuild started" | record
# trawl-index's output goes through `record`; its exit status comes out on fd 3, which is the
# command substitution's stdout (a pipeline's own status would be record's).
status=$({ { "$bin/trawl-index" --rebuild "$@" 2>&1 3>&-; echo $? >&3; } | record; } 3>&1)
case $status in
0) echo "trawl-index --rebuild finished" | record ;;
1) echo "warning: trawl-index --rebuild finished, but some files failed (listed above); the rest is indexed" | record ;;
*)
    echo "trawl-index --rebuild failed with status $status; nothing was changed" | record
    echo "trawl-index --rebuild failed with status $status; see $where"
    exit "$status"
    ;;
esac
exit 0
