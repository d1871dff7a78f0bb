#!/bin/sh
# Starts an Apache CouchDB cluster on loopback from an already built CouchDB release
# (the rel/couchdb directory of `make release`), each node with its own data directory and
# configuration under DATA_DIR, the release itself left untouched. See docs/couchdb.md.
#
#   start.sh COUCHDB_REL DATA_DIR [BASE_PORT]
#
# Node i (1…NODES, default 3) is node<i>-<BASE_PORT>@127.0.0.1 (Erlang node names are unique on a
# host, so two clusters can run side by side) on port BASE_PORT + (i-1)×10000 (default 15984,
# 25984, 35984). The nodes share an admin (COUCHDB_USER / COUCHDB_PASSWORD, default
# admin / pass, written once to DATA_DIR), an Erlang cookie, a server uuid and an auth secret;
# they are joined with /_nodes and the system databases are created with n = NODES.
# Run again on the same DATA_DIR, it starts the nodes that are not running (e.g. one stopped
# with stop.sh) and leaves the others as they are. NODES=1 runs a single node.
set -eu

usage() { echo "usage: $0 COUCHDB_REL DATA_DIR [BASE_PORT]" >&2; exit 64; }
[ $# -ge 2 ] || usage
REL=$(cd "$1" && pwd) || usage
[ -x "$REL/bin/couchdb" ] || { echo "$REL/bin/couchdb: not a built CouchDB release" >&2; exit 66; }
mkdir -p "$2"
DATA=$(cd "$2" && pwd)
SHARED="$DATA/cluster.env"

if [ ! -f "$SHARED" ]; then
  random() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
  umask 077
  cat > "$SHARED" <<EOF
BASE_PORT=${3:-15984}
NODES=${NODES:-3}
ADMIN_USER=${COUCHDB_USER:-admin}
ADMIN_PASSWORD=${COUCHDB_PASSWORD:-pass}
COOKIE=$(random)
UUID=$(random)
SECRET=$(random)
EOF
fi
. "$SHARED"
echo "$REL" > "$DATA/release"
[ $# -lt 3 ] || [ "$3" = "$BASE_PORT" ] || { echo "$DATA was set up with base port $BASE_PORT" >&2; exit 64; }

name_of() { echo "node$1-$BASE_PORT@127.0.0.1"; }
port_of() { echo $((BASE_PORT + ($1 - 1) * 10000)); }
url_of() { echo "http://127.0.0.1:$(port_of "$1")"; }
running() { [ -f "$DATA/node$1/pid" ] && kill -0 "$(cat "$DATA/node$1/pid")" 2>/dev/null; }
admin_curl() { curl -sS -u "$ADMIN_USER:$ADMIN_PASSWORD" -H 'content-type: application/json' "$@"; }

configure() {
  dir="$DATA/node$1"
  mkdir -p "$dir/data" "$dir/etc"
  grep -v -e '^-name' -e '^-setcookie' "$REL/etc/vm.args" > "$dir/etc/vm.args"
  printf '%s\n' "-name $(name_of "$1")" "-setcookie $COOKIE" >> "$dir/etc/vm.args"
  [ -f "$dir/etc/local.ini" ] && return
  if [ "$NODES" = 1 ]; then single=true; else single=false; fi
  # The admin's password is written as node 1 hashed it, so every node accepts the same session cookies.
  admin=$(sed -n "s/^$ADMIN_USER = \(-pbkdf2.*\)/\1/p" "$DATA/node1/etc/local.ini" 2>/dev/null || true)
  cat > "$dir/etc/local.ini" <<EOF
[couchdb]
uuid = $UUID
database_dir = $dir/data
view_index_dir = $dir/data
js_engine = quickjs
single_node = $single

[cluster]
n = $NODES

[chttpd]
port = $(port_of "$1")
bind_address = 127.0.0.1

[httpd]
port = $(($(port_of "$1") + 2))
bind_address = 127.0.0.1

[chttpd_auth]
secret = $SECRET

[log]
writer = file
file = $dir/couchdb.log
level = info

[admins]
$ADMIN_USER = ${admin:-$ADMIN_PASSWORD}
EOF
}

wait_up() {
  tries=0
  until curl -sf -o /dev/null "$(url_of "$1")/_up"; do
    tries=$((tries + 1))
    if [ $tries -gt 120 ] || ! running "$1"; then
      echo "node$1 did not come up on $(url_of "$1"): see $DATA/node$1/couchdb.log and stderr.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

start_node() {
  configure "$1"
  dir="$DATA/node$1"
  COUCHDB_ARGS_FILE="$dir/etc/vm.args" COUCHDB_INI_FILES="$REL/etc/default.ini $dir/etc/local.ini" \
    nohup "$REL/bin/couchdb" > "$dir/stderr.log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  # A seedless node answers /_up before it has joined: wait for its HTTP port, then for the admin.
  wait_up "$1"
  until admin_curl -f -o /dev/null "$(url_of "$1")/_session"; do sleep 0.5; done
  echo "$(name_of "$1") on $(url_of "$1") (pid $(cat "$dir/pid"))"
}

i=1
while [ $i -le "$NODES" ]; do
  if running $i; then echo "$(name_of $i) already running on $(url_of $i)"; else start_node $i; fi
  i=$((i + 1))
done

# Join every node to node 1 (a 409 says it already is), then create the system databases.
FIRST=$(url_of 1)
i=2
while [ $i -le "$NODES" ]; do
  status=$(admin_curl -o /dev/null -w '%{http_code}' -X PUT "$FIRST/_node/_local/_nodes/$(name_of $i)" -d '{}')
  case $status in 201|202|409) ;; *) echo "joining node$i: HTTP $status" >&2; exit 1 ;; esac
  i=$((i + 1))
done
# (A single node creates them itself as it starts: whichever comes first, the database is there.)
for db in _users _replicator; do
  tries=0
  until admin_curl -f -o /dev/null "$FIRST/$db" 2>/dev/null; do
    tries=$((tries + 1))
    [ $tries -le 20 ] || { echo "could not create $db: see $DATA/node1/couchdb.log" >&2; exit 1; }
    admin_curl -o /dev/null -X PUT "$FIRST/$db" || true
    sleep 0.5
  done
done

members=$(admin_curl "$FIRST/_membership")
echo "membership: $members"
echo "COUCH_URL base: http://$ADMIN_USER:$ADMIN_PASSWORD@127.0.0.1:$BASE_PORT"
