#!/bin/bash
# Joins this machine to the cluster with keadm, then tunes edgecore for the site.
set -e
CLOUDCORE=${CLOUDCORE:-10.10.0.2:10000}
EDGECORE_CFG=/etc/kubeedge/config/edgecore.yaml

keadm join --cloudcore-ipport="$CLOUDCORE" --token="$(cat /opt/edge/token)" --kubeedge-version=v1.22.2

# Let svclb's sysctl through and point pods at EdgeMesh's DNS.
sed -i '/edged:/a\    allowedUnsafeSysctls: ["net.ipv4.ip_forward"]' $EDGECORE_CFG
sed -i '/tailoredKubeletConfig:/a\      clusterDNS: ["169.254.96.16"]' $EDGECORE_CFG

# Feature gates and the local API server for EdgeMesh.
cat >> $EDGECORE_CFG <<EOF
featureGates:
  requireAuthorization: true
EOF

systemctl restart edgecore
