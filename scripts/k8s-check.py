#!/usr/bin/env python3
"""Validate deploy/k8s offline against the Kubernetes schemas (kubernetes-validate, strict:
unknown fields are errors), plus the rules of deploy/k8s/README.md that a schema cannot say.

    .venv/bin/python scripts/k8s-check.py        (make k8s-check; CI runs it)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

K8S = Path(__file__).resolve().parent.parent / "deploy" / "k8s"
KUBERNETES_VERSION = "1.33.0"


def documents() -> list[tuple[Path, dict[str, Any]]]:
    kustomization = yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())
    files = [K8S / "base" / name for name in kustomization["resources"]]
    files += sorted((K8S / "release").glob("*.yaml"))
    found = []
    for path in files:
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                found.append((path, doc))
    return found


def rules(doc: dict[str, Any]) -> list[str]:
    """What the deployment relies on beyond the schema."""
    problems = []
    kind, name = doc["kind"], doc["metadata"]["name"]
    pod = (doc.get("spec", {}).get("template", {}).get("spec", {})
           if kind in {"Deployment", "Job"} else None)
    if pod is not None:
        for container in pod["containers"]:
            resources = container.get("resources", {})
            if not resources.get("requests") or not resources.get("limits"):
                problems.append(f"{kind} {name}: container {container['name']} needs requests "
                                "and limits")
    if kind == "Deployment" and name == "ostal-web":
        probes = pod["containers"][0] if pod else {}
        if probes.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/readyz":
            problems.append("ostal-web: readiness must probe /readyz")
        if probes.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/healthz":
            problems.append("ostal-web: liveness must probe /healthz")
    if kind == "Deployment" and name == "ostal-beat" and (
            doc["spec"].get("replicas") != 1 or doc["spec"]["strategy"]["type"] != "Recreate"):
        problems.append("ostal-beat: exactly one replica, replaced with Recreate")
    return problems


def main() -> int:
    errors, kinds = [], set()
    for path, doc in documents():
        where = f"{path.relative_to(K8S)}: {doc.get('kind')} {doc.get('metadata', {}).get('name')}"
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as exc:
            errors.append(f"{where}: {exc.message} at {'/'.join(map(str, exc.path))}")
        except Exception as exc:  # unknown kind or version: report, never pass silently
            errors.append(f"{where}: {exc}")
        errors += rules(doc)
        kinds.add(doc["kind"])
    needed = {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
              "Ingress", "Job", "ConfigMap"}
    if missing := needed - kinds:
        errors.append(f"missing kinds: {sorted(missing)}")
    for error in errors:
        sys.stderr.write(error + "\n")
    if errors:
        return 1
    sys.stdout.write(f"deploy/k8s: {len(documents())} manifests valid for Kubernetes "
                     f"{KUBERNETES_VERSION}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
