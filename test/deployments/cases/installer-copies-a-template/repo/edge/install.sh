#!/usr/bin/env bash
# Edge node installer: copies the templates next to this script into place and fills them in.
# Usage: install.sh <cloudcore-ip> <token> [max-pods]
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CLOUDCORE_IP="$1"
TOKEN="$2"
MAX_PODS="${3:-110}"
CONFIG=/etc/kubeedge/config/edgecore.yaml

mkdir -p /etc/kubeedge/config /etc/mosquitto/conf.d
cp "$HERE/templates/edgecore.yaml" "$CONFIG"
sed -i "s|__CLOUDCORE_IP__|${CLOUDCORE_IP}|g; s|__TOKEN__|${TOKEN}|" "$CONFIG"
NODE_IP="$(hostname -I | awk '{print $1}')"
sed -i -e "s|__NODE_NAME__|$(hostname)|" -e "s|__NODE_IP__|${NODE_IP}|" "$CONFIG"
sed -i "s|__MAX_PODS__|${MAX_PODS}|" "$CONFIG"
sed -i 's|__MQTT_MODE__|2|' "$CONFIG"
chmod 600 "$CONFIG"

install -m 644 templates/mosquitto.conf /etc/mosquitto/conf.d/edge.conf
sed -i "s|__MQTT_DATA_DIR__|/var/lib/mosquitto|" /etc/mosquitto/conf.d/edge.conf

systemctl restart mosquitto
systemctl enable --now edgecore
