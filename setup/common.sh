# Shared provisioning of setup/run and setup/test: Odoo in a virtualenv, the Debian packages the
# reports and browser tests need, a private PostgreSQL cluster and the Odoo configuration file.
# Sourced, not run. Everything it makes lives in .venv/ and .local/ (both git-ignored).

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL=${DUBAN_LOCAL:-$REPO/.local}
VENV=${DUBAN_VENV:-$REPO/.venv}
ODOO_SRC=${ODOO_SRC:-/opt/odoo/19.0}
ODOO_ARCHIVE_URL=${ODOO_ARCHIVE_URL:-https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz}
PYTHON=${PYTHON:-python3}
DUBAN_PGPORT=${DUBAN_PGPORT:-55432}
ODOO_CONF=$LOCAL/odoo.conf
DEBIAN_PACKAGES=(wkhtmltopdf fonts-arphic-uming fonts-wqy-zenhei fonts-noto-cjk poppler-utils chromium gettext nginx)

say() { printf '[duban] %s\n' "$*" >&2; }
die() { printf '[duban] ERROR: %s\n' "$*" >&2; exit 1; }

# ---- Odoo source ----------------------------------------------------------------------------

find_odoo_source() {
    # Odoo's own source tree: ODOO_SRC, or the official archive downloaded once into .local/
    if [ -f "$ODOO_SRC/odoo/release.py" ]; then
        return
    fi
    local fetched=$LOCAL/odoo-src
    if [ -f "$fetched/odoo/release.py" ]; then
        ODOO_SRC=$fetched
        return
    fi
    say "No Odoo 19.0 source at $ODOO_SRC; downloading the official source archive…"
    mkdir -p "$LOCAL"
    local archive=$LOCAL/odoo-src.tar.gz
    if ! curl -fsSL --connect-timeout 10 --max-time 900 -o "$archive" "$ODOO_ARCHIVE_URL"; then
        rm -f "$archive"
        die "Odoo 19.0 was not found at ODOO_SRC=$ODOO_SRC and $ODOO_ARCHIVE_URL could not be
       downloaded. Point ODOO_SRC at an Odoo 19.0 source tree (the directory holding odoo/ and
       requirements.txt), e.g.  ODOO_SRC=/path/to/odoo-19.0 setup/run"
    fi
    mkdir -p "$fetched"
    tar -xzf "$archive" -C "$fetched" --strip-components=1
    rm -f "$archive"
    [ -f "$fetched/odoo/release.py" ] || die "the downloaded archive holds no Odoo source tree"
    ODOO_SRC=$fetched
}

# ---- Debian packages ------------------------------------------------------------------------

ensure_debian_packages() {
    local missing=() package
    for package in "${DEBIAN_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
        die "missing Debian packages: ${missing[*]} (install them with apt-get as root)"
    fi
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    say "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# ---- Python virtualenv ----------------------------------------------------------------------

ensure_venv() {
    local stamp=$VENV/.duban-stamp want
    want=$(cat "$ODOO_SRC/requirements.txt" "$REPO/requirements.txt" <(echo "$ODOO_SRC") | sha256sum | cut -c1-16)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/odoo" ] \
        && "$VENV/bin/python" -c "import odoo" 2>/dev/null; then
        return
    fi
    say "Preparing the virtualenv $VENV (Odoo's pinned requirements, then the project's)…"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    mkdir -p "$LOCAL"
    # Odoo's pins, except cbor2 5.4.2 that no longer builds with a current setuptools (a newer
    # one with wheels works) and python-ldap that only auth_ldap needs and needs LDAP headers
    sed -e 's/^cbor2==5\.4\.2\b.*/cbor2==5.6.5 ; python_version < "3.12"/' -e '/^python-ldap/d' \
        "$ODOO_SRC/requirements.txt" > "$LOCAL/odoo-requirements.txt"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$LOCAL/odoo-requirements.txt" 2>&1 | grep -v "is ignored" || true
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REPO/requirements.txt" 2>&1 | grep -v "is ignored" || true
    # Odoo itself through a .pth path: an editable install's finder makes Odoo warn about its
    # addons path at every start
    local site
    site=$("$VENV/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    echo "$ODOO_SRC" > "$site/duban-odoo.pth"
    "$VENV/bin/python" -W ignore -c "import odoo, pytest_odoo, chinese_calendar, websocket, locust" \
        || die "the virtualenv could not be prepared; see the pip output above"
    write_odoo_launcher
    echo "$want" > "$stamp"
}

write_odoo_launcher() {
    # Odoo's command as a real script of the virtualenv, so that prefork mode can re-run it for
    # its gevent process (see setup/odoo_launcher.py)
    cat > "$VENV/bin/odoo" <<LAUNCHER
#!$VENV/bin/python
# Odoo 19 from this virtualenv, written by duban's setup/common.sh (see setup/odoo_launcher.py)
import sys

sys.path.insert(0, "$REPO/setup")
from odoo_launcher import main

main()
LAUNCHER
    chmod +x "$VENV/bin/odoo"
}

# ---- PostgreSQL -----------------------------------------------------------------------------

pg_bin() {
    local candidate
    for candidate in /usr/lib/postgresql/15/bin /usr/local/bin /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/pg_ctl" ] && { echo "$candidate"; return; }
    done
    die "PostgreSQL server binaries (pg_ctl, initdb) were not found"
}

pg_home() {
    # where the cluster's data, socket and log live: .local/, or, when run as root from a place
    # the cluster's unprivileged owner cannot reach (e.g. under /root), a directory of its own
    if [ "$(id -u)" -eq 0 ] && ! as_cluster_owner test -x "$LOCAL"; then
        local home
        home=/var/tmp/duban-pg-$(echo "$LOCAL" | sha256sum | cut -c1-12)
        mkdir -p "$home"
        chown "$PG_OWNER" "$home"
        echo "$home"
    else
        echo "$LOCAL"
    fi
}

pg_socket_dir() {
    # unix socket paths are limited to ~107 bytes: keep it short
    local dir=$1/pg
    if [ ${#dir} -gt 80 ]; then
        dir=/tmp/duban-pg-$(echo "$1" | sha256sum | cut -c1-8)
    fi
    echo "$dir"
}

as_cluster_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u "$PG_OWNER" -- "$@")
    else
        "$@"
    fi
}

ensure_postgres() {
    # An existing server when settings are given; else the project's own cluster in .local/
    PG_STARTED_HERE=0
    if [ -n "${PGHOST:-}" ] || [ -n "${DUBAN_DB_HOST:-}" ]; then
        DB_HOST=${DUBAN_DB_HOST:-$PGHOST}
        DB_PORT=${DUBAN_DB_PORT:-${PGPORT:-5432}}
        DB_USER=${DUBAN_DB_USER:-${PGUSER:-$(id -un)}}
        DB_PASSWORD=${DUBAN_DB_PASSWORD:-${PGPASSWORD:-}}
        return
    fi
    local bin home data socket log
    bin=$(pg_bin)
    PG_OWNER=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
        # initdb refuses to run as root: the cluster belongs to an unprivileged system user
        PG_OWNER=duban-pg
        id "$PG_OWNER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OWNER"
    fi
    mkdir -p "$LOCAL"
    home=$(pg_home)
    data=$home/pgdata
    socket=$(pg_socket_dir "$home")
    log=$home/postgresql.log
    # the cluster is always found at .local/pgdata
    [ "$home" = "$LOCAL" ] || ln -sfn "$data" "$LOCAL/pgdata"
    mkdir -p "$socket"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating the PostgreSQL cluster in $data"
        mkdir -p "$data"
        [ "$(id -u)" -eq 0 ] && chown "$PG_OWNER" "$data"
        as_cluster_owner "$bin/initdb" -D "$data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    touch "$log"
    [ "$(id -u)" -eq 0 ] && chown "$PG_OWNER" "$socket" "$log"
    if ! as_cluster_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_cluster_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
            -o "-p $DUBAN_PGPORT -k $socket -c listen_addresses=''" start >/dev/null \
            || die "PostgreSQL did not start; see $log"
        PG_STARTED_HERE=1
    fi
    PG_CTL="$bin/pg_ctl"
    PG_DATA=$data
    DB_HOST=$socket
    DB_PORT=$DUBAN_PGPORT
    DB_USER=odoo
    DB_PASSWORD=""
}

stop_postgres_if_started() {
    if [ "${PG_STARTED_HERE:-0}" = 1 ]; then
        as_cluster_owner "$PG_CTL" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
    fi
}

psql_run() {
    PGPASSWORD=$DB_PASSWORD psql -X -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres "$@"
}

database_exists() {
    [ "$(psql_run -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

# ---- Odoo configuration ---------------------------------------------------------------------

write_odoo_conf() {
    mkdir -p "$LOCAL/data"
    cat > "$ODOO_CONF" <<CONF
[options]
addons_path = $ODOO_SRC/odoo/addons,$REPO
data_dir = $LOCAL/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
http_interface = 127.0.0.1
http_port = ${DUBAN_HTTP_PORT:-8069}
list_db = False
CONF
}

# ---- Production serving: Odoo's prefork server behind nginx (setup/run --prod) ---------------

prod_workers() {
    # Odoo's documented rule of thumb: 2 HTTP workers per CPU core, plus one
    echo $(($(nproc) * 2 + 1))
}

write_prod_conf() {
    # Odoo's prefork server on a local port behind nginx: $1 the database
    local db=$1
    HTTP_PORT=${DUBAN_HTTP_PORT:-8069}
    ODOO_PORT=${DUBAN_ODOO_PORT:-$((HTTP_PORT + 10000))}
    GEVENT_PORT=${DUBAN_GEVENT_PORT:-$((HTTP_PORT + 20000))}
    WORKERS=${DUBAN_WORKERS:-$(prod_workers)}
    PROD_CONF=$LOCAL/odoo-prod.conf
    mkdir -p "$LOCAL/data"
    cat > "$PROD_CONF" <<CONF
; Odoo's prefork server for duban, written by setup/run --prod; nginx ($LOCAL/nginx.conf) is in
; front on port $HTTP_PORT. Workers: 2 per CPU core + 1 (Odoo's rule), one cron worker, and the
; gevent process for the bus/websocket on gevent_port.
[options]
addons_path = $ODOO_SRC/odoo/addons,$REPO
data_dir = $LOCAL/data
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = $DB_PASSWORD
db_name = $db
dbfilter = ^$db\$
list_db = False
proxy_mode = True
http_interface = 127.0.0.1
http_port = $ODOO_PORT
gevent_port = $GEVENT_PORT
workers = $WORKERS
max_cron_threads = 1
; per worker: recycled after a request above the soft limit, killed above the hard one
limit_memory_soft = 671088640
limit_memory_hard = 1677721600
limit_request = 8192
limit_time_cpu = 600
limit_time_real = 1200
db_maxconn = 32
CONF
}

nginx_temp_dir() {
    # nginx's workers (www-data when started as root) write request bodies and buffered answers
    # there: .local/nginx, or a directory of their own when they cannot reach .local/
    local dir=$LOCAL/nginx/tmp
    if [ "$(id -u)" -eq 0 ]; then
        mkdir -p "$dir"
        chown www-data "$dir"
        if ! runuser -u www-data -- test -w "$dir" 2>/dev/null; then
            dir=/var/tmp/duban-nginx-$(echo "$LOCAL" | sha256sum | cut -c1-12)
            mkdir -p "$dir"
            chown www-data "$dir"
        fi
    fi
    mkdir -p "$dir"
    echo "$dir"
}

write_nginx_conf() {
    # nginx in front of Odoo: the websocket route to the gevent process, buffering of uploads and
    # answers (a slow client never holds a worker), long timeouts and a deep listen backlog, so
    # that a burst waits in line instead of being refused
    local temp user_line=""
    NGINX_CONF=$LOCAL/nginx.conf
    mkdir -p "$LOCAL/nginx"
    temp=$(nginx_temp_dir)
    [ "$(id -u)" -eq 0 ] && user_line="user www-data;"
    cat > "$NGINX_CONF" <<CONF
# nginx in front of Odoo's prefork server, written by setup/run --prod
$user_line
worker_processes auto;
pid $LOCAL/nginx/nginx.pid;
error_log $LOCAL/nginx/error.log warn;
events {
    worker_connections 4096;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format timed '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                     'rt=\$request_time urt=\$upstream_response_time';
    access_log $LOCAL/nginx/access.log timed;
    client_body_temp_path $temp/client_body;
    proxy_temp_path $temp/proxy;
    fastcgi_temp_path $temp/fastcgi;
    uwsgi_temp_path $temp/uwsgi;
    scgi_temp_path $temp/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;

    upstream odoo {
        server 127.0.0.1:$ODOO_PORT;
    }
    upstream odoochat {
        server 127.0.0.1:$GEVENT_PORT;
    }
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      close;
    }

    server {
        listen ${DUBAN_NGINX_INTERFACE:-127.0.0.1}:$HTTP_PORT backlog=4096;
        server_name _;

        # attachments up to Odoo's own upload limit (128 MB)
        client_max_body_size 128m;
        client_body_buffer_size 1m;
        # a request waits in line rather than fail: Odoo's own limit_time_real is 1200 s
        proxy_connect_timeout 720s;
        proxy_send_timeout 720s;
        proxy_read_timeout 720s;
        # whole uploads and answers buffered by nginx, so slow clients never hold a worker
        proxy_request_buffering on;
        proxy_buffering on;
        proxy_buffer_size 128k;
        proxy_buffers 16 64k;
        proxy_busy_buffers_size 256k;
        proxy_next_upstream off;

        proxy_set_header Host \$http_host;
        proxy_set_header X-Forwarded-Host \$http_host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Real-IP \$remote_addr;

        location /websocket {
            proxy_pass http://odoochat;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_read_timeout 3600s;
        }

        location / {
            proxy_redirect off;
            proxy_pass http://odoo;
        }

        gzip on;
        gzip_types text/css text/plain text/xml application/json application/javascript;
    }
}
CONF
    nginx -t -q -c "$NGINX_CONF" -p "$LOCAL/nginx" || die "nginx refused $NGINX_CONF (see above)"
}

provision() {
    find_odoo_source
    ensure_debian_packages
    ensure_venv
    ensure_postgres
    write_odoo_conf
}

odoo_cmd() {
    "$VENV/bin/odoo" "$@"
}
