#!/bin/bash
# Prepares a gateway for the line-broker DaemonSet, which mounts /etc/mosquitto over the image's
# /mosquitto/config.
set -euo pipefail

mkdir -p /etc/mosquitto /var/lib/mosquitto
cat > /etc/mosquitto/mosquitto.conf <<'CONF'
persistence true
persistence_location /mosquitto/data/
listener 1883
allow_anonymous true
CONF
chown -R 1883:1883 /var/lib/mosquitto
