#!/bin/bash
# Joins this machine to the lab cluster as an edge node (KubeEdge 1.14).
set -e

TOKEN=$1
CLOUD=$2

cd /opt/edge
wget -q https://github.com/kubeedge/kubeedge/releases/download/v1.14.5/kubeedge-v1.14.5-linux-amd64.tar.gz
tar -xzf kubeedge-v1.14.5-linux-amd64.tar.gz
cp kubeedge-v1.14.5-linux-amd64/edge/edgecore /usr/local/bin/edgecore

mkdir -p /etc/kubeedge/config
/usr/local/bin/edgecore --defaultconfig > /etc/kubeedge/config/edgecore.yaml

cat <<UNIT > /etc/systemd/system/edgecore.service
[Unit]
Description=edgecore
After=network-online.target

[Service]
Type=simple
ExecStart=/usr/local/bin/edgecore
Restart=always
RestartSec=10
Environment=DEPLOY_MQTT_CONTAINER=TRUE

[Install]
WantedBy=multi-user.target
UNIT

# The sensors publish to a broker on the node itself.
cat <<UNIT > /etc/systemd/system/sensor-broker.service
[Unit]
Description=local MQTT broker for the sensors

[Service]
ExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/sensors.conf
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT

cat <<CONF > /etc/mosquitto/sensors.conf
listener 1883 0.0.0.0
allow_anonymous false
password_file /etc/mosquitto/passwd
CONF

systemctl daemon-reload
systemctl enable --now sensor-broker edgecore
