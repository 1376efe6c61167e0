#!/usr/bin/env bash
# Edge node bootstrap: writes edgecore's config from a template and fills in the site's values.
# Usage: install-edge.sh <cloudcore-ip> <node-name> <token>
set -euo pipefail

CLOUD_IP="$1"
NODE_NAME="$2"
TOKEN="$3"
CONFIG=/etc/kubeedge/config/edgecore.yaml

mkdir -p /etc/kubeedge/config
cat > "$CONFIG" <<'EOF'
apiVersion: edgecore.config.kubeedge.io/v1alpha2
kind: EdgeCore
database:
  dataSource: /var/lib/kubeedge/edgecore.db
modules:
  edgeHub:
    enable: true
    heartbeat: 15
    httpServer: https://__CLOUD_IP__:10002
    token: __TOKEN__
    websocket:
      enable: true
      server: __CLOUD_IP__:10000
  edged:
    enable: true
    hostnameOverride: __NODE_NAME__
    nodeIP: __NODE_IP__
    allowedUnsafeSysctls:
      - net.ipv4.ip_forward
    tailoredKubeletConfig:
      cgroupDriver: systemd
      maxPods: __MAX_PODS__
  eventBus:
    enable: true
    mqttMode: 2
    mqttQOS: __MQTT_QOS__
    mqttServerExternal: tcp://127.0.0.1:1883
  metaManager:
    metaServer:
      enable: true
EOF

NODE_IP="$(hostname -I | awk '{print $1}')"
sed -i "s|__CLOUD_IP__|${CLOUD_IP}|g" "$CONFIG"
sed -i -e "s/__NODE_NAME__/${NODE_NAME}/" -e "s/__NODE_IP__/${NODE_IP}/" "$CONFIG"
sed -i "s/__TOKEN__/${TOKEN}/; s/__MAX_PODS__/${MAX_PODS:-110}/" "$CONFIG"

# The broker edgecore's eventBus connects to (mqttMode 2: tcp://127.0.0.1:1883).
cat > /etc/mosquitto/conf.d/edge.conf <<EOF
listener 1883 127.0.0.1
allow_anonymous true
persistence_location ${MQTT_DATA_DIR:-/var/lib/mosquitto}/
EOF

cat > /etc/systemd/system/edgecore.service <<'EOF'
[Unit]
Description=edgecore.service

[Service]
Type=simple
ExecStart=/usr/local/bin/edgecore
Restart=always
RestartSec=10

[Install]
WantedBy=multi-user.target
EOF

systemctl daemon-reload
systemctl enable --now edgecore
