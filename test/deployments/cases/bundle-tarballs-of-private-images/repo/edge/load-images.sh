#!/bin/bash
# Run once per greenhouse controller from the USB stick the build server writes: `docker save` of
# each image the controllers run, named after the image without its registry.
set -euo pipefail

STICK=/mnt/usb/images

ctr -n k8s.io images import "$STICK/valve-controller-2.4.1.tar"
ctr -n k8s.io images import "$STICK/soil-probe-0.7.2.tar"
ctr -n k8s.io images import "$STICK/agri_metrics-agent_1.1.0.tar"
