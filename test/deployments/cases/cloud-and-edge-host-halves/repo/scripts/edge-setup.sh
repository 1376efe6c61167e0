#!/usr/bin/env bash
# Each greenhouse controller joins with its own name.
set -euo pipefail
keadm join --cloudcore-ipport=192.168.50.10:10000 --token="$1" --edgenode-name="$2" --kubeedge-version=1.17.0
