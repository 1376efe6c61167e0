#!/usr/bin/env bash
# Joins one line-side gateway to the cloud and tags it for the telemetry workloads.
set -euo pipefail

CLOUDCORE="${CLOUDCORE:-192.168.10.5:10000}"
GATEWAY_NAME=line2-gw
TOKEN="$(cat /root/edge-token)"

keadm join --cloudcore-ipport="$CLOUDCORE" --edgenode-name "$GATEWAY_NAME" --token "$TOKEN" --kubeedge-version=v1.20.0

# The telemetry DaemonSets select these labels (the installer runs with the cluster's admin kubeconfig).
export KUBECONFIG=/etc/kubeedge/admin.kubeconfig
kubectl label node "$GATEWAY_NAME" plant.example.com/role=telemetry --overwrite
kubectl label node line2-gw plant.example.com/line=2
