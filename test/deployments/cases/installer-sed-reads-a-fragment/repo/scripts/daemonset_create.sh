#!/bin/bash
# Creates a DaemonSet for a demo image, with a container port when one is given.
if [ "$#" -lt 2 ]; then
    echo "Usage: daemonset_create.sh <name> <image> [port]"
    exit 1
fi
NAME=$1
IMAGE=$2
PORT=${3:-}
cat <<EOF > daemonset_tmp.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: $NAME
spec:
  selector:
    matchLabels:
      name: $NAME
  template:
    metadata:
      labels:
        name: $NAME
    spec:
      containers:
      - name: $NAME
        image: $IMAGE
        imagePullPolicy: IfNotPresent
EOF

if [ -n "$PORT" ]; then
    printf '        ports:\n        - containerPort: %s\n          protocol: TCP\n' "$PORT" >> daemonset_tmp.yaml
fi
kubectl apply -f daemonset_tmp.yaml
rm daemonset_tmp.yaml
