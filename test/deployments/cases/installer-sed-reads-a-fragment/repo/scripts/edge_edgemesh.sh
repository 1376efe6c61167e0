#!/bin/bash
# Run on each edge node after keadm join: prepares edgecore for the EdgeMesh agent.
set -euxo pipefail

cat <<EOF > cluster_dns_fragment.txt
      clusterDNS:
      - 169.254.96.16
EOF

# Turn on edgeStream (the line after the match holds `enable: false`).
sudo sed -i -n '/edgeStream:/{p;n;s/false/true/};p' /etc/kubeedge/config/edgecore.yaml
# Read the clusterDNS fragment in after the clusterDomain line.
sudo sed -i '/clusterDomain: cluster.local/r cluster_dns_fragment.txt' /etc/kubeedge/config/edgecore.yaml
# Keep a record of the server lines for the support bundle.
sudo sed -i '/server:/w /var/log/edge-servers.txt' /etc/kubeedge/config/edgecore.yaml
sudo systemctl restart edgecore.service
