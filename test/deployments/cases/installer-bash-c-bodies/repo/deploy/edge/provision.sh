#!/bin/sh
# Provisioning run over ssh as a normal user: every privileged step goes through `sudo sh -c '…'`
# so that redirections happen as root.
set -e

sudo sh -c 'cat > /etc/systemd/system/mqtt-broker.service <<EOF
[Unit]
Description=Local MQTT broker for edgecore
After=containerd.service

[Service]
ExecStartPre=-/usr/local/bin/ctr -n k8s.io task kill mqtt-broker
ExecStart=/usr/local/bin/ctr -n k8s.io run --rm --net-host docker.io/library/eclipse-mosquitto:1.6.15 mqtt-broker

[Install]
WantedBy=multi-user.target
EOF'

sudo bash -c "sed -i '/edged:/a\    clusterDNS: 169.254.96.16' /etc/kubeedge/config/edgecore.yaml"

sudo systemctl daemon-reload
sudo systemctl enable --now mqtt-broker
