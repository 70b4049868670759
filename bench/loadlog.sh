#!/usr/bin/env bash
# Samples the load average every 30 s into $1 (for the "load next to every number" rule).
while true; do echo "$(date -u +%FT%TZ) $(cut -d' ' -f1-3 /proc/loadavg)" >>"$1"; sleep 30; done
