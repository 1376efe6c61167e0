#!/usr/bin/env bash
# Runs on each openEuler box: images go into iSulad's store, which edged reads.
set -euo pipefail
mkdir -p /opt/bundle
docker save -o /opt/bundle/sensor.tar registry.example.com/plant/sensor:3.0
isula load -i /opt/bundle/sensor.tar
docker save -o /opt/bundle/pause.tar kubeedge/pause:3.6
isula load --input /opt/bundle/pause.tar
