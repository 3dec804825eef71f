"""Gunicorn settings for Ostal (used as: gunicorn -c deploy/gunicorn.conf.py config.wsgi:application).

Everything tunable comes from the environment so the same image fits any host.
"""

import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")


def _cores() -> int:
    # CPUs this process may run on (honours cpusets, unlike cpu_count()).
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# Sizing (deploy/README.md, "Web processes"): Django is CPU-bound between short database
# round trips, so processes, not threads, use the cores: 2 per core + 1 keeps every core busy
# while one process waits on PostgreSQL. The cap holds memory (~100 MB per process) on big
# hosts and in containers limited by --cpus (they still see every host core).
# GUNICORN_THREADS > 1 switches to the gthread worker: for hosts whose requests wait on the
# network (Stripe calls) more than they compute.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * _cores() + 1, 8))
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5  # nginx in front reuses connections; keep above 0 but short

# Recycling: rare. At 1,000 requests a busy worker was recycled every 3-5 s and each new one
# re-imports Django: a bare endpoint then served 0.31-0.46x of its rate with recycling off
# (issue 13). Ostal has no known leak; 50,000 (+/- 10 %, so workers never restart together)
# only bounds a slow one. GUNICORN_MAX_REQUESTS=0 turns recycling off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10

# Heartbeat files on tmpfs: on overlayfs a busy disk can stall them and get workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# gunicorn >= 27 control socket (for `gunicornc`): its default lives under $HOME, which is
# not writable for the image's user. Older gunicorn versions ignore this setting.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "/tmp/gunicorn.ctl")

# Logs to stdout/stderr for the container runtime. The client address is the proxy's, so log
# X-Forwarded-For instead; %(M)s = request time in ms; the request id Django answered with
# (config/observability.py) ties this line to the application's log lines.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = ('%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" '
                     '"%(a)s" %(M)sms %({x-request-id}o)s')

# Proxies allowed to set X-Forwarded-Proto (comma-separated IPs or "*"). In compose, web is only
# reachable through the private network, so compose.yaml sets "*".
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker: Any) -> None:
    """Move the loaded application out of the cyclic GC's reach: the collector then scans only
    per-request objects (the availability search's p95 went from 6.4x to 2.6x of its SQL
    baseline, docs/benchmarks/availability.md).

    Here, not in post_fork: the worker has loaded the WSGI app by now, and importing the URLconf
    imports every view, serializer and selector; frozen before that, almost nothing (about
    20,000 of 155,000 objects) was frozen."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    gc.collect()
    gc.freeze()
    worker.log.info("gc.freeze(): %d objects frozen after loading the app", gc.get_freeze_count())


def child_exit(server: Any, worker: Any) -> None:
    """Prometheus multiprocess mode: drop the dead worker's live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
