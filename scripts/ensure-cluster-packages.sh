#!/usr/bin/env bash
# Debian's servers the deployment tests run: nginx (tests/deploy), and for the multi-host
# cluster (tests/cluster) HAProxy, PgBouncer, PostgreSQL, Redis and curl. Installed with apt
# when missing and run as root; otherwise says what to install.
set -euo pipefail
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || need+=(pgbouncer)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]}…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  # The packages just installed may have started their default service: the tests start
  # their own instances, so stop those (only the ones installed here).
  for package in "${need[@]}"; do
    case "$package" in
      nginx-light) service nginx stop >/dev/null 2>&1 || true ;;
      haproxy|pgbouncer) service "$package" stop >/dev/null 2>&1 || true ;;
    esac
  done
  exit 0
fi
echo "Needs: sudo apt-get install ${need[*]}" >&2
exit 1
