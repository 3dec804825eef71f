"""People's data exports (ostal.privacy): built one by one, claimed by a conditional UPDATE.

A duplicated message or a retry finds the export already claimed or built and does nothing; a
worker killed mid-build leaves it "running", taken over by the sweep after the lease."""

from worker.app import app


@app.task(name="privacy.build_export", ignore_result=True, acks_late=True)
def build_export(export_id: int) -> bool:
    """Build export `export_id` (sections, progress, summary, mail). Returns whether it did."""
    from ostal.privacy.services import export_build

    return export_build(export_id)


@app.task(name="privacy.build_pending_exports", ignore_result=True, acks_late=True)
def build_pending_exports() -> int:
    """The sweep: exports whose nudge was lost, or whose worker died. Returns how many."""
    from ostal.privacy.services import export_build_pending

    return export_build_pending()


@app.task(name="privacy.apply_retention", ignore_result=True, acks_late=True)
def apply_retention() -> dict[str, int]:
    """The nightly retention run (periods in settings, docs/privacy.md). Idempotent."""
    from ostal.privacy.retention import retention_apply

    return retention_apply().as_dict()
