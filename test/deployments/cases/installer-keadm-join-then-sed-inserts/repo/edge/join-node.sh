#!/usr/bin/env bash
# Joins this machine to the cluster as an edge node, then tunes the edgecore.yaml keadm join wrote.
# Usage: sudo ./join-node.sh CLOUD_IP TOKEN NODE_NAME
set -euo pipefail

CLOUD_IP=$1
TOKEN=$2
NODE_NAME=$3
NODE_IP=$(hostname -I | awk '{print $1}')
KUBEEDGE_VERSION=v1.22.0
CONFIG=/etc/kubeedge/config/edgecore.yaml

keadm join --cloudcore-ipport="${CLOUD_IP}:10000" --token="${TOKEN}" \
  --kubeedge-version="${KUBEEDGE_VERSION}" --remote-runtime-endpoint=unix:///run/containerd/containerd.sock

# Register under the name the inventory uses and with the address the cloud can reach.
sed -i "/^  edged:/a\    hostnameOverride: ${NODE_NAME}" "$CONFIG"
sed -i "/^  edged:/a\    nodeIP: ${NODE_IP}" "$CONFIG"
# The board runs systemd as its cgroup manager.
sed -i '/      maxPods:/a\      cgroupDriver: systemd' "$CONFIG"

systemctl restart edgecore
