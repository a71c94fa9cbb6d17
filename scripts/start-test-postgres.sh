#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store tests and prints the URL to use as
# DYAD_TEST_POSTGRES_URL. Usage: eval "$(scripts/start-test-postgres.sh [DIR] [PORT])".
# The server lives in DIR (default: a new temp folder) on 127.0.0.1:PORT (default 54329);
# stop it with `pg_ctl -D DIR/data stop` (as the postgres user when run as root).
set -euo pipefail
dir="${1:-$(mktemp -d /tmp/dyad-pg.XXXXXX)}"
port="${2:-54329}"

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ]; then
    echo "start-test-postgres: no PostgreSQL server found (apt-get install -y postgresql)" >&2
    exit 1
fi

# initdb refuses to run as root: run the server as the postgres user then.
as_owner() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
fi
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'dyad_test'" | grep -q 1 \
    || as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres dyad_test
echo "export DYAD_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/dyad_test"
echo "export DYAD_TEST_POSTGRES_DIR=$dir"
