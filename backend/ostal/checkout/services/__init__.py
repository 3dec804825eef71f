"""Writes of the checkout, one module per job: `pay` (credits or card), `employer` (the
employer's pool and the co-payment), `fulfil` (a card payment decided), `settle` (a booking
closed)."""
