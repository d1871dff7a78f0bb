#!/bin/sh
# Stops the nodes start.sh started in DATA_DIR: all of them, or only node N.
#
#   stop.sh DATA_DIR [N]
#
# Each node gets SIGTERM (Erlang's orderly shutdown), then SIGKILL after 30 s. Its data stays;
# start.sh with the same DATA_DIR starts it again.
set -eu

[ $# -ge 1 ] || { echo "usage: $0 DATA_DIR [N]" >&2; exit 64; }
DATA=$(cd "$1" && pwd)
[ -f "$DATA/cluster.env" ] || { echo "$DATA: no cluster here (no cluster.env)" >&2; exit 66; }
. "$DATA/cluster.env"

stop_node() {
  pidfile="$DATA/node$1/pid"
  if [ ! -f "$pidfile" ] || ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "node$1 is not running"
    return
  fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ $waited -ge 60 ]; then kill -KILL "$pid"; fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$pidfile"
  echo "node$1 stopped"
}

if [ $# -ge 2 ]; then
  stop_node "$2"
else
  i=1
  while [ $i -le "$NODES" ]; do stop_node $i; i=$((i + 1)); done
fi
