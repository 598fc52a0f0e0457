#!/usr/bin/env bash
# A PostgreSQL primary and its streaming replica on this machine, for the read-replica tests, benchmarks
# and the lab (docs/operations.md "Read replicas"). Two clusters of our own (initdb + pg_basebackup from
# Debian's PostgreSQL binaries), so nothing of the machine's PostgreSQL configuration is touched.
#
#   scripts/replica.sh start   # prints PRIMARY_URL=… and REPLICA_URL=… (eval-able); idempotent
#   scripts/replica.sh stop    # stops both and deletes their folder
#   scripts/replica.sh status
#
# MOTCUA_PAIR_DIR (default /tmp/motcua-pair-<uid>) holds both clusters; MOTCUA_PAIR_PORT (default 55432)
# is the primary's port, the replica listens on the next one. Loopback only, trust authentication.
# Runs the servers as the `postgres` user when started as root (PostgreSQL refuses to run as root).
set -euo pipefail

DIR=${MOTCUA_PAIR_DIR:-/tmp/motcua-pair-$(id -u)}
PORT=${MOTCUA_PAIR_PORT:-55432}
RPORT=$((PORT + 1))
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin): apt-get install postgresql" >&2
  exit 3
fi

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { as_pg "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

urls() {
  echo "PRIMARY_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
  echo "REPLICA_URL=postgres://postgres@127.0.0.1:$RPORT/postgres"
}

start() {
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
  if [ ! -f "$DIR/primary/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    cat >>"$DIR/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
max_connections = 60
CONF
    echo "host replication postgres 127.0.0.1/32 trust" >>"$DIR/primary/pg_hba.conf"
  fi
  running "$DIR/primary" || as_pg "$PGBIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w -t 60 start >/dev/null
  if [ ! -f "$DIR/replica/PG_VERSION" ]; then
    as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$DIR/replica" -R -X stream -c fast
    cat >>"$DIR/replica/postgresql.conf" <<CONF
port = $RPORT
hot_standby_feedback = on
CONF
  fi
  running "$DIR/replica" || as_pg "$PGBIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w -t 60 start >/dev/null
  # Streaming, not just started: the primary sees its WAL receiver.
  for _ in $(seq 1 60); do
    n=$(psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null || echo 0)
    [ "$n" -ge 1 ] && { urls; return 0; }
    sleep 0.5
  done
  echo "the replica did not start streaming; see $DIR/replica.log" >&2
  exit 1
}

stop() {
  for c in replica primary; do
    if [ -f "$DIR/$c/PG_VERSION" ] && running "$DIR/$c"; then
      as_pg "$PGBIN/pg_ctl" -D "$DIR/$c" -m fast -w stop >/dev/null
    fi
  done
  rm -rf "$DIR"
}

status() {
  for c in primary replica; do
    if [ -f "$DIR/$c/PG_VERSION" ] && running "$DIR/$c"; then echo "$c: running"; else echo "$c: stopped"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  urls) urls ;;
  *) echo "usage: $0 start|stop|status|urls" >&2; exit 2 ;;
esac
