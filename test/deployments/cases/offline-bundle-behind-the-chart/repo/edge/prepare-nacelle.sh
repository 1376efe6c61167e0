#!/bin/sh
# Run on each nacelle computer at the depot, before it goes up the tower: there is no uplink offshore,
# so everything the edge node runs is imported from the bundle on the service laptop. The public
# images come as docker-save tarballs; the site's own images are listed in edge/site-images.txt and
# pulled into the bundle by the depot's sync job.
set -eu

BUNDLE=/media/service/bundle

ctr -n k8s.io images import "$BUNDLE/pause-3.6.tar"
ctr -n k8s.io images import "$BUNDLE/eclipse-mosquitto-2.0.18.tar"
for image in "$BUNDLE"/site/*.tar; do
  ctr -n k8s.io images import "$image"
done
