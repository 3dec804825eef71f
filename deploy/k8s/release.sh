#!/usr/bin/env bash
# A release: migrations first (the Job, with the new image), then the rollout.
#   deploy/k8s/release.sh registry.example.org/ostal/ostal:1.4.0 [namespace]
set -euo pipefail
image="${1:?usage: deploy/k8s/release.sh IMAGE [NAMESPACE]}"
ns=(--namespace "${2:-default}")
here="$(cd "$(dirname "$0")" && pwd)"
kubectl "${ns[@]}" delete job ostal-migrate --ignore-not-found --wait
sed "s|image: registry.example.org/ostal/ostal:latest|image: ${image}|" \
  "$here/release/migrate-job.yaml" | kubectl "${ns[@]}" apply -f -
kubectl "${ns[@]}" wait --for=condition=complete --timeout=1800s job/ostal-migrate
kubectl "${ns[@]}" apply -k "$here/base"
for deployment in ostal-web ostal-beat ostal-worker-default ostal-worker-mail \
                  ostal-worker-payments ostal-worker-analytics ostal-worker-calendars; do
  kubectl "${ns[@]}" set image "deployment/$deployment" "*=${image}"
done
kubectl "${ns[@]}" rollout status deployment/ostal-web --timeout=600s
