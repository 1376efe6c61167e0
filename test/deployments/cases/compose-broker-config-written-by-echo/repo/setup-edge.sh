#!/bin/bash
# Brings up the gateway's broker next to the edge agent.
set -e
mkdir -p mosquitto/config mosquitto/data
echo "persistence true
persistence_location /mosquitto/data/
listener 1883
allow_anonymous true" > mosquitto/config/mosquitto.conf
docker compose up -d
