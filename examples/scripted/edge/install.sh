#!/usr/bin/env bash
# Edge node installer: offline images, the local MQTT broker as a systemd unit, and edgecore's config.
# Run as root on each edge node after `keadm join`; the tarballs ship next to this script.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$SCRIPT_DIR"

# 1. Preload images: edge nodes cannot reach a registry.
ctr -n k8s.io images import eclipse-mosquitto-2.0.tar

# 2. The local broker, run by containerd under systemd.
cat > /etc/systemd/system/mosquitto.service << EOF
[Unit]
Description=Mosquitto MQTT broker (containerd)
After=containerd.service

[Service]
ExecStart=ctr -n k8s.io run --rm --net-host \
  docker.io/library/eclipse-mosquitto:2.0 mosquitto \
  mosquitto -c /mosquitto-no-auth.conf

[Install]
WantedBy=multi-user.target
EOF

systemctl daemon-reload
systemctl enable --now mosquitto

# 3. edgecore's configuration.
mkdir -p /etc/kubeedge/config
cat > /etc/kubeedge/config/edgecore.yaml << 'EOF'
apiVersion: edgecore.config.kubeedge.io/v1alpha2
kind: EdgeCore
database:
  dataSource: /var/lib/kubeedge/edgecore.db
modules:
  edged:
    enable: true
    hostnameOverride: edge-node-01
    allowedUnsafeSysctls:
    - "net.ipv4.ip_forward"
    tailoredKubeletConfig:
      cgroupDriver: cgroupfs
  eventBus:
    enable: true
    mqttMode: 2
    mqttServerExternal: tcp://127.0.0.1:1883
  metaManager:
    metaServer:
      enable: true
EOF

# The broker and sysctl settings from the deployment notes, appended.
cat >> /etc/kubeedge/config/edgecore.yaml << EOF
modules:
  eventBus:
    mqttServerExternal: "tcp://127.0.0.1:1883"
    mqttServerInternal: "tcp://127.0.0.1:1884"
  edged:
    allowedUnsafeSysctls:
    - "net.ipv4.ip_forward"
EOF

# EdgeMesh's DNS for pods on this node.
sed -i '/edged:/a\    clusterDNS: 169.254.96.16' /etc/kubeedge/config/edgecore.yaml

systemctl restart edgecore
