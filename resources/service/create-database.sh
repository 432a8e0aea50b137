#!/bin/sh
# The production database and its role for the cloud upstream, run once on the database machine
# as PostgreSQL's superuser:   sudo -u postgres sh create-database.sh [NAME]
# The role (NAME, karakana unless given) may log in and owns its database, nothing more: no
# superuser, no CREATEDB, no CREATEROLE. The upstream creates its tables at its first start.
# The password is KARAKANA_DB_PASSWORD, or 24 random bytes. psql's PGHOST and PGPORT choose the
# server; the last line printed is the KARAKANA_PG line for /etc/karakana/upstream.env, with the
# host KARAKANA_DB_HOST (127.0.0.1 unless given).
set -eu
name="${1:-karakana}"
password="${KARAKANA_DB_PASSWORD:-$(openssl rand -hex 24)}"
psql -X -q -v ON_ERROR_STOP=1 -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"name" OWNER :"name" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
echo "KARAKANA_PG=postgres://$name:$password@${KARAKANA_DB_HOST:-127.0.0.1}:${PGPORT:-5432}/$name"
