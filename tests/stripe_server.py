"""The local fake Stripe server for integration tests (localstripe, dev/test only).

Started once per test session by the `stripe_server` fixture (tests/conftest.py), bound to
127.0.0.1 on a free port, its disk dump disabled; emptied before each test with
DELETE /_config/data.
"""

from ostal.billing.stripe.local_server import LocalStripeServer, start_in_thread

LocalStripe = LocalStripeServer


def start_local_stripe() -> LocalStripeServer:
    return start_in_thread(host="127.0.0.1", port=0)
