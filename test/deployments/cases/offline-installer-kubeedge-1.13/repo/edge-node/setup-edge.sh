#!/bin/bash
# Installs edgecore from the release tarball copied onto the node beforehand (no internet on site).
set -e
PKG_DIR=/opt/offline-edge
RELEASE=v1.13.0
cd "$PKG_DIR"
tar -zxf "kubeedge-${RELEASE}-linux-amd64.tar.gz"
install -m 0755 "kubeedge-${RELEASE}-linux-amd64/edge/edgecore" /usr/local/bin/edgecore
mkdir -p /etc/kubeedge/config
install -m 0644 edgecore.yaml /etc/kubeedge/config/edgecore.yaml
cat > /etc/systemd/system/edgecore.service <<UNIT
[Unit]
Description=KubeEdge edge agent
After=network-online.target containerd.service

[Service]
ExecStart=/usr/local/bin/edgecore --config /etc/kubeedge/config/edgecore.yaml
Restart=always
RestartSec=10

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now edgecore
