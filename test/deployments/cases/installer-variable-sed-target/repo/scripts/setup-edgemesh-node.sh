#!/bin/bash
# Prepares a keadm-joined edge node for EdgeMesh: enables metaServer and points edged's DNS at the
# EdgeMesh agent. keadm join wrote /etc/kubeedge/config/edgecore.yaml; this script only edits it.
set -e

EDGEMESH_DNS=169.254.96.16
CONFIG=/etc/kubeedge/config/edgecore.yaml

enable_metaserver() {
  local cfg=/etc/kubeedge/config/edgecore.yaml
  cp "$cfg" "$cfg.bak"
  # keadm writes metaServer with enable: false; flip it in place.
  sed -i '/metaServer:/{n;s/enable: false/enable: true/}' "$cfg"
}

set_cluster_dns() {
  local cfg=/etc/kubeedge/config/edgecore.yaml
  sed -i "/edged:/a\    clusterDNS: ${EDGEMESH_DNS}" "$cfg"
  sed -i '/tailoredKubeletConfig:/a\      clusterDomain: cluster.local' $CONFIG
}

enable_metaserver
set_cluster_dns
systemctl restart edgecore
