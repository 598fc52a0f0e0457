#!/usr/bin/env bash
# The province topology on one machine (docs/operations.md "The lab"): a PostgreSQL primary and its
# streaming replica (scripts/replica.sh), SeaweedFS as S3 storage, Redis for jobs, two web processes
# (gunicorn, `make serve`'s configuration) behind HAProxy, and one jobs worker on Redis.
#
#   scripts/lab.sh up                 # start everything, migrate, load the demo province; prints the URL
#   scripts/lab.sh load USERS SECONDS # locust against the load balancer; table in var/lab/load-USERS.md
#   scripts/lab.sh down               # stop everything it started (by pid files) and delete var/lab
#
# Ports (loopback only): LAB_PORT (load balancer, 58000), web 58001-58002, PostgreSQL 56432-56433,
# S3 58333 (+ SeaweedFS's internal ports 58334-58341), Redis 56379. Needs Debian's haproxy, redis-server
# and PostgreSQL server binaries (installed with apt-get when missing, as root), the venv with the `lab`
# extra (locust).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LAB=${LAB_DIR:-$ROOT/var/lab}
PY=${PY:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=$(command -v python3)
BIN=$(dirname "$PY")
LB_PORT=${LAB_PORT:-58000}
WEB_PORTS=(58001 58002)
PG_PORT=56432
S3_PORT=58333
REDIS_PORT=56379
export MOTCUA_PAIR_DIR=/tmp/motcua-lab-pair MOTCUA_PAIR_PORT=$PG_PORT

need_debian() {
  local missing=()
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v redis-server >/dev/null || missing+=(redis-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

lab_env() {
  cat <<ENV
export PYTHONPATH=$ROOT/src:$ROOT/bench
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/motcua_lab
export DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$((PG_PORT + 1))/motcua_lab
export MOTCUA_PRODUCTION=1 SECRET_KEY=$(cat "$LAB/secret_key")
export MOTCUA_SSL_REDIRECT=0 MOTCUA_SECURE_COOKIES=0 MOTCUA_HSTS_SECONDS=0
export MOTCUA_ALLOWED_HOSTS=127.0.0.1,localhost MOTCUA_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR
export MOTCUA_DB_CONN_MAX_AGE=60 MOTCUA_VAR_DIR=$LAB/var MOTCUA_STATIC_ROOT=$LAB/static
export MOTCUA_S3_BUCKET=motcua MOTCUA_S3_ENDPOINT_URL=http://127.0.0.1:$S3_PORT
export MOTCUA_S3_ACCESS_KEY=motcua-lab MOTCUA_S3_SECRET_KEY=motcua-lab-secret
export MOTCUA_JOBS_BACKEND=redis MOTCUA_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export MOTCUA_WEB_WORKERS=1 MOTCUA_LOG_FORMAT=json
ENV
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_http() {
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "no answer from $1" >&2
  return 1
}

up() {
  need_debian
  mkdir -p "$LAB/var" "$LAB/s3"
  [ -f "$LAB/secret_key" ] || "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" >"$LAB/secret_key"
  lab_env >"$LAB/env"
  # shellcheck disable=SC1091
  source "$LAB/env"

  echo "== PostgreSQL primary + streaming replica"
  bash scripts/replica.sh start >/dev/null
  psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -qtc "SELECT 1 FROM pg_database WHERE datname='motcua_lab'" | grep -q 1 \
    || psql -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -qc "CREATE DATABASE motcua_lab"

  echo "== Redis"
  alive "$LAB/redis.pid" || redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$LAB/redis.pid" --logfile "$LAB/redis.log" --dir "$LAB"

  echo "== SeaweedFS (S3)"
  cat >"$LAB/s3.json" <<JSON
{"identities":[{"name":"motcua","credentials":[{"accessKey":"motcua-lab","secretKey":"motcua-lab-secret"}],"actions":["Admin","Read","Write","List","Tagging"]}]}
JSON
  alive "$LAB/weed.pid" || nohup "$BIN/weed" server -dir="$LAB/s3" -ip=127.0.0.1 -ip.bind=127.0.0.1 -filer -s3 -s3.config="$LAB/s3.json" \
    -s3.port=$S3_PORT -s3.port.grpc=$((S3_PORT + 1)) -s3.port.iceberg=$((S3_PORT + 2)) \
    -master.port=$((S3_PORT + 3)) -master.port.grpc=$((S3_PORT + 4)) -volume.port=$((S3_PORT + 5)) \
    -volume.port.grpc=$((S3_PORT + 6)) -filer.port=$((S3_PORT + 7)) -filer.port.grpc=$((S3_PORT + 8)) \
    -metricsPort=$((S3_PORT + 9)) -master.volumeSizeLimitMB=256 -volume.max=16 >"$LAB/weed.log" 2>&1 &
  alive "$LAB/weed.pid" || echo $! >"$LAB/weed.pid"
  for _ in $(seq 1 120); do
    "$PY" - <<PY 2>/dev/null && break
import boto3
s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:$S3_PORT", aws_access_key_id="motcua-lab",
                  aws_secret_access_key="motcua-lab-secret", region_name="us-east-1")
if "motcua" not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
    s3.create_bucket(Bucket="motcua")
s3.put_object(Bucket="motcua", Key="lab-probe", Body=b"ok")
PY
    sleep 1
  done

  echo "== schema, demo province, static files"
  "$PY" -m motcua.manage migrate --noinput -v 0
  [ -f "$LAB/demo-loaded" ] || { "$PY" -m motcua.manage load_demo >/dev/null && touch "$LAB/demo-loaded"; }
  "$PY" -m motcua.manage collectstatic --noinput -v 0
  "$PY" bench/lab_fixtures.py "$LAB/fixtures.json"

  echo "== two web processes, the jobs worker"
  for i in 0 1; do
    alive "$LAB/web$i.pid" && continue
    MOTCUA_BIND=127.0.0.1:${WEB_PORTS[$i]} "$PY" -m gunicorn -c python:motcua.gunicorn_conf motcua.wsgi:application \
      --daemon --pid "$LAB/web$i.pid" --error-logfile "$LAB/web$i.log" --access-logfile "$LAB/web$i.log"
  done
  if ! alive "$LAB/worker.pid"; then
    nohup "$PY" -m motcua.manage worker >"$LAB/worker.log" 2>&1 &
    echo $! >"$LAB/worker.pid"
  fi
  for port in "${WEB_PORTS[@]}"; do wait_http "http://127.0.0.1:$port/readyz"; done

  echo "== HAProxy"
  cat >"$LAB/haproxy.cfg" <<CFG
global
  maxconn 2000
  pidfile $LAB/haproxy.pid
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # A probe waits behind the requests a busy sync worker is serving: give it time, or a saturated
  # but healthy web process is taken out of rotation.
  timeout check 10s
  # Requests wait in HAProxy's queue (maxconn 4 per web process) at most this long, then get a 503; unset it
  # is `timeout connect` (2 s), which is what turned the 80-user tail into 503s (docs/performance.md).
  timeout queue 15s
  option forwardfor
frontend motcua
  bind 127.0.0.1:$LB_PORT
  default_backend web
backend web
  balance leastconn
  option httpchk
  http-check send meth GET uri /readyz hdr Host 127.0.0.1
  http-check expect status 200
  server web1 127.0.0.1:${WEB_PORTS[0]} check inter 2s fall 2 rise 2 maxconn 4
  server web2 127.0.0.1:${WEB_PORTS[1]} check inter 2s fall 2 rise 2 maxconn 4
CFG
  alive "$LAB/haproxy.pid" || haproxy -f "$LAB/haproxy.cfg" -D
  wait_http "http://127.0.0.1:$LB_PORT/readyz"
  echo "lab up: http://127.0.0.1:$LB_PORT/ (environment: $LAB/env)"
}

load() {
  local users=${1:-20} seconds=${2:-60}
  [ -f "$LAB/env" ] || { echo "the lab is not up: scripts/lab.sh up" >&2; exit 1; }
  local out="$LAB/load-$users"
  LAB_FIXTURES="$LAB/fixtures.json" "$BIN/locust" -f bench/locustfile.py --headless \
    -H "http://127.0.0.1:$LB_PORT" -u "$users" -r "$users" -t "${seconds}s" --csv "$out" --only-summary \
    >"$out.log" 2>&1 || true
  "$PY" bench/lab_report.py "$out" "$users" "$seconds" | tee "$out.md"
}

stop_pid() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$file"
}

down() {
  for f in haproxy web0 web1 worker weed redis; do stop_pid "$LAB/$f.pid"; done
  bash scripts/replica.sh stop
  rm -rf "$LAB"
  echo "lab down"
}

case "${1:-}" in
  up) up ;;
  load) shift; load "$@" ;;
  down) down ;;
  env) cat "$LAB/env" ;;
  *) echo "usage: $0 up|load USERS SECONDS|down|env" >&2; exit 2 ;;
esac
