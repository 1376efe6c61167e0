#!/usr/bin/env bash
# Control-plane host: starts cloudcore and preloads the dashboard it runs itself.
set -euo pipefail
keadm deprecated init --advertise-address=192.168.50.10 --kubeedge-version=1.17.0
docker save -o /root/dashboard.tar registry.example.com/greenhouse/dashboard:2.1
ctr -n k8s.io images import /root/dashboard.tar
kubectl apply -f manifests/
