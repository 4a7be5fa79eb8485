#!/usr/bin/env bash
# Throwaway local MariaDB for tests and benchmarks (no systemd needed).
#
#   build/mariadb.sh start  [DIR]   -> prints the connection string on stdout
#   build/mariadb.sh stop   [DIR]
#   build/mariadb.sh resume [DIR]   -> prints the connection string on stdout
#
# DIR defaults to $REPO/.data/mariadb. Port: $IPSHIELD_MARIADB_PORT (default 3307),
# bound to 127.0.0.1 only. User ipshield/ipshield has ALL PRIVILEGES ON *.* WITH
# GRANT OPTION (tests create one database per test class). Root has no password
# and is reachable through the socket DIR/mysqld.sock. Every `start` on a DIR
# whose server is not running recreates the data directory from scratch.
# `resume` starts the stopped server of DIR again on its existing data directory,
# keeping every database in it (a database restart, as tests that survive one
# need); it fails if DIR has no data directory yet, and reuses a running server.
#
# Only the connection string goes to stdout; all other output goes to stderr, so
#   export IPSHIELD_TEST_MARIADB="$(build/mariadb.sh start)Database=x;"
# works.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
PORT="${IPSHIELD_MARIADB_PORT:-3307}"
START_TIMEOUT=30

log() { printf 'mariadb.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    echo "usage: $0 start|stop|resume [DIR]   (DIR defaults to \$REPO/.data/mariadb)" >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
CMD="$1"
DIR="${2:-$REPO/.data/mariadb}"
[[ "$PORT" =~ ^[0-9]+$ ]] || die "IPSHIELD_MARIADB_PORT must be a number, got '$PORT'"

# Make DIR absolute (it does not have to exist yet).
case "$DIR" in
    /*) ;;
    *) DIR="$PWD/$DIR" ;;
esac
DIR="${DIR%/}"
[[ -n "$DIR" ]] || die "refusing to use / as DIR"

DATADIR="$DIR/data"
SOCKET="$DIR/mysqld.sock"
PIDFILE="$DIR/mysqld.pid"
ERRLOG="$DIR/error.log"
OUTLOG="$DIR/mariadbd.out"

# unix socket paths are limited to 107 bytes
(( ${#SOCKET} <= 107 )) || die "socket path too long (${#SOCKET} > 107 bytes): $SOCKET; use a shorter DIR"

# Locate a binary by its MariaDB name, then the legacy MySQL name, also in sbin dirs
# (which are often not on PATH for non-root users).
find_bin() {
    local name
    for name in "$@"; do
        if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
        local d
        for d in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin; do
            if [[ -x "$d/$name" ]]; then echo "$d/$name"; return 0; fi
        done
    done
    return 1
}

ADMIN=""
CLIENT=""
resolve_clients() {
    ADMIN="$(find_bin mariadb-admin mysqladmin)" || die "mariadb-admin not found (install mariadb-client)"
    CLIENT="$(find_bin mariadb mysql)" || die "mariadb client not found (install mariadb-client)"
}

# --no-defaults must be the first option: never read ~/.my.cnf or /etc/mysql.
admin()   { "$ADMIN" --no-defaults --socket="$SOCKET" --user=root "$@"; }
root_sql() { "$CLIENT" --no-defaults --socket="$SOCKET" --user=root --batch "$@"; }

# 0 when a server answers on our socket. `ping` also succeeds on "access denied",
# which still means the server is up.
pinging() {
    [[ -n "$ADMIN" && -S "$SOCKET" ]] || return 1
    admin --connect-timeout=2 ping >/dev/null 2>&1
}

# Prints the pid from the pid file if that process is alive and is a mariadbd
# serving our data directory (guards against stale pid files and pid reuse).
live_pid() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null || true)"
    [[ -n "$pid" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    local cmdline=""
    if [[ -r "/proc/$pid/cmdline" ]]; then
        cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
        [[ "$cmdline" == *mariadbd* || "$cmdline" == *mysqld* ]] || return 1
        [[ "$cmdline" == *"--datadir=$DATADIR"* ]] || return 1
    fi
    echo "$pid"
}

# Stops the server of this DIR, if any. Never touches other servers.
stop_server() {
    local pid=""
    pid="$(live_pid || true)"
    if pinging; then
        log "shutting down server (socket $SOCKET)"
        admin shutdown >&2 || log "warning: mariadb-admin shutdown failed"
    fi
    if [[ -n "$pid" ]]; then
        local i
        for ((i = 0; i < 60; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            if ((i == 30)); then
                log "server pid $pid still alive, sending SIGTERM"
                kill -TERM "$pid" 2>/dev/null || true
            fi
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "server pid $pid did not stop, sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
        fi
    fi
}

ensure_installed() {
    if MARIADBD="$(find_bin mariadbd mysqld)"; then
        return 0
    fi
    if [[ "$(id -u)" -ne 0 ]]; then
        die "mariadbd is not installed and this script is not running as root; run: sudo apt-get install mariadb-server"
    fi
    log "mariadbd not found, installing mariadb-server with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >&2
    MARIADBD="$(find_bin mariadbd mysqld)" || die "mariadbd still not found after installing mariadb-server"
}

create_users() {
    # CREATE IF NOT EXISTS + ALTER keeps this idempotent for a reused server.
    root_sql <<'SQL'
DELETE FROM mysql.global_priv WHERE User = '';
FLUSH PRIVILEGES;
CREATE USER IF NOT EXISTS 'ipshield'@'%' IDENTIFIED BY 'ipshield';
CREATE USER IF NOT EXISTS 'ipshield'@'localhost' IDENTIFIED BY 'ipshield';
ALTER USER 'ipshield'@'%' IDENTIFIED BY 'ipshield';
ALTER USER 'ipshield'@'localhost' IDENTIFIED BY 'ipshield';
GRANT ALL PRIVILEGES ON *.* TO 'ipshield'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'ipshield'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
}

print_connection_string() {
    echo "Server=127.0.0.1;Port=$PORT;User ID=ipshield;Password=ipshield;"
}

# Checks that the running server of this DIR listens on the requested port.
check_port() {
    local actual
    actual="$(root_sql --skip-column-names -e 'SELECT @@port' 2>/dev/null || true)"
    if [[ -n "$actual" && "$actual" != "$PORT" ]]; then
        die "the server of $DIR is running on port $actual, not $PORT; run '$0 stop $DIR' first"
    fi
}

# start: a fresh data directory; resume: the existing one, as it was left.
cmd_start() {
    local keep_data="${1:-}"
    MARIADBD=""
    ensure_installed
    resolve_clients
    local install_db
    install_db="$(find_bin mariadb-install-db mysql_install_db)" || die "mariadb-install-db not found"

    # 1. Reuse a running server of this DIR.
    if live_pid >/dev/null && pinging; then
        check_port
        log "reusing running server (pid $(live_pid), socket $SOCKET)"
        create_users
        print_connection_string
        return 0
    fi

    # 2. Something of ours is alive but not (yet) answering: give it a moment,
    #    then stop it. Also covers a server answering on our socket without a
    #    valid pid file.
    if live_pid >/dev/null || pinging; then
        local i
        for ((i = 0; i < 10; i++)); do
            if live_pid >/dev/null && pinging; then
                check_port
                log "reusing running server (pid $(live_pid), socket $SOCKET)"
                create_users
                print_connection_string
                return 0
            fi
            sleep 1
        done
        log "a server of $DIR is in an unexpected state, stopping it"
        stop_server
    fi

    local run_user
    run_user="$(id -un)"
    if [[ -n "$keep_data" ]]; then
        # 3. Resume: the data directory stays as the stopped server left it.
        [[ -d "$DATADIR/mysql" ]] || die "no data directory to resume in $DATADIR; use '$0 start $DIR'"
        log "resuming on the existing $DATADIR"
        rm -f -- "$SOCKET" "$SOCKET.lock" "$PIDFILE"
    else
        # 3. Fresh data directory. Only remove what this script creates.
        log "initialising $DATADIR"
        mkdir -p "$DIR"
        rm -rf -- "$DATADIR" "$SOCKET" "$SOCKET.lock" "$PIDFILE" "$ERRLOG" "$OUTLOG" "$DIR/install-db.log"
        mkdir -p "$DATADIR"

        # --skip-test-db: no `test` database and no anonymous users.
        # normal: root@localhost without password (not unix_socket auth), so it works for any OS user.
        if ! "$install_db" --no-defaults --user="$run_user" --datadir="$DATADIR" \
            --skip-test-db --auth-root-authentication-method=normal \
            --skip-name-resolve >"$DIR/install-db.log" 2>&1; then
            cat "$DIR/install-db.log" >&2
            die "mariadb-install-db failed"
        fi
    fi

    # 4. Start in the background, detached from this shell (new session + nohup),
    #    so it survives the script and signals sent to the caller's process group.
    log "starting $MARIADBD on 127.0.0.1:$PORT"
    local launcher=(nohup)
    if command -v setsid >/dev/null 2>&1; then launcher=(setsid nohup); fi
    "${launcher[@]}" "$MARIADBD" --no-defaults \
        --user="$run_user" \
        --datadir="$DATADIR" \
        --socket="$SOCKET" \
        --pid-file="$PIDFILE" \
        --port="$PORT" \
        --bind-address=127.0.0.1 \
        --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_unicode_ci \
        --skip-name-resolve \
        --log-error="$ERRLOG" \
        --innodb-buffer-pool-size=256M \
        --max-connections=500 \
        </dev/null >"$OUTLOG" 2>&1 &
    local child=$!

    # 5. Wait until it answers.
    local deadline=$((SECONDS + START_TIMEOUT))
    until pinging; do
        # ($child is mariadbd itself unless setsid had to fork; then rely on the pid file.)
        if ! kill -0 "$child" 2>/dev/null && ! live_pid >/dev/null; then
            log "mariadbd exited during startup; error log:"
            cat "$ERRLOG" "$OUTLOG" >&2 2>/dev/null || true
            die "mariadbd failed to start (is port $PORT already in use?)"
        fi
        if ((SECONDS >= deadline)); then
            log "mariadbd did not answer within ${START_TIMEOUT}s; error log:"
            cat "$ERRLOG" "$OUTLOG" >&2 2>/dev/null || true
            kill -TERM "$child" 2>/dev/null || true
            die "mariadbd start timed out"
        fi
        sleep 0.3
    done

    create_users
    log "started (pid $(cat "$PIDFILE" 2>/dev/null || echo "$child"), socket $SOCKET, log $ERRLOG)"
    print_connection_string
}

cmd_stop() {
    if [[ ! -d "$DIR" ]]; then
        log "nothing to stop ($DIR does not exist)"
        return 0
    fi
    # Without client tools nothing can be pinged; a live pid still gets SIGTERM.
    ADMIN="$(find_bin mariadb-admin mysqladmin || true)"
    if ! live_pid >/dev/null && ! pinging; then
        log "not running"
        return 0
    fi
    stop_server
    log "stopped"
}

case "$CMD" in
    start) cmd_start ;;
    resume) cmd_start keep-data ;;
    stop) cmd_stop ;;
    *) usage ;;
esac
