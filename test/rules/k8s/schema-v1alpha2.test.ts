/**
 * devices.kubeedge.io/v1alpha2 Device and DeviceModel: served (not stored) by the CRDs of every
 * KubeEdge release from 1.16 to 1.23, so the API server validates and prunes them by that version's
 * schema (data/kubeedge-crds-v1alpha2.yaml) — unknown fields, wrong types, enums and required fields
 * are reported as for v1beta1.
 */
import rule from '../../../rules/k8s/schema.js';
import { ruleTester, text } from '../../rule-tester.js';

const meter = text`
  apiVersion: devices.kubeedge.io/v1alpha2
  kind: Device
  metadata:
    name: power-meter
  spec:
    deviceModelRef:
      name: power-meter-model
    nodeSelector:
      nodeSelectorTerms:
      - matchExpressions:
        - key: ''
          operator: In
          values: [edge-cabinet-3]
    protocol:
      modbus:
        slaveID: 7
      common:
        com: {serialPort: /dev/ttyUSB0, baudRate: 19200, dataBits: 8, parity: even, stopBits: 1}
        collectType: sync
        customizedValues: {vendorQuirk: true}
    propertyVisitors:
    - propertyName: voltage
      collectCycle: 5000
      reportCycle: 10000
      modbus: {register: HoldingRegister, offset: 40, limit: 2, scale: 0.1, isSwap: true}
  status:
    twins:
    - propertyName: relay
      desired: {value: "off", metadata: {type: string}}
      reported: {value: "off"}
`;

const meterModel = text`
  apiVersion: devices.kubeedge.io/v1alpha2
  kind: DeviceModel
  metadata:
    name: power-meter-model
  spec:
    protocol: modbus
    properties:
    - name: voltage
      description: line voltage
      type:
        float: {accessMode: ReadOnly, minimum: 0, maximum: 400, unit: V}
    - name: relay
      type:
        string: {accessMode: ReadWrite, defaultValue: "off"}
`;

ruleTester(rule, {
  valid: [
    { name: 'a v1alpha2 Device and DeviceModel that their schema accepts', files: { 'devices/meter.yaml': `${meterModel}---\n${meter}` } },
    {
      name: 'a CRD the deployment ships that keeps v1alpha2 protocol free-form: its schema decides',
      files: {
        'crds/devices.yaml': text`
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: devices.devices.kubeedge.io}
          spec:
            group: devices.kubeedge.io
            names: {kind: Device, plural: devices}
            scope: Namespaced
            versions:
            - name: v1alpha2
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        protocol: {type: object, x-kubernetes-preserve-unknown-fields: true}
        `,
        'devices/meter.yaml': 'apiVersion: devices.kubeedge.io/v1alpha2\nkind: Device\nmetadata: {name: m}\nspec:\n  protocol:\n    modbusRtu: {slaveId: 7}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'unknown fields (with a did-you-mean), a wrong type, an enum and a missing required field, each at its node',
      files: {
        'devices/meter.yaml': text`
          apiVersion: devices.kubeedge.io/v1alpha2
          kind: Device
          metadata:
            name: power-meter
          spec:
            deviceModelRef:
              name: power-meter-model
            nodeName: edge-cabinet-3
            nodeSelector:
              nodeSelectorTerms:
              - matchExpressions:
                - key: ''
                  values: [edge-cabinet-3]
            protocol:
              modbus:
                slaveId: 7
              common:
                com: {serialPort: /dev/ttyUSB0, baudRate: "19200", parity: Even}
            propertyVisitors:
            - propertyName: voltage
              modbus: {register: HoldingRegister, offset: 40, limit: 2}
              visitorConfig: {}
        `,
      },
      errors: [
        {
          messageId: 'unknownField',
          line: 8,
          column: 3,
          endColumn: 11,
          message: 'Device power-meter: spec.nodeName is not a field of Device: kubectl apply refuses the object, and Helm, Flux and Argo CD apply it without the field.',
        },
        {
          messageId: 'missingField',
          line: 12,
          column: 9,
          message: 'Device power-meter: spec.nodeSelector.nodeSelectorTerms[0].matchExpressions[0] has no operator, which Device requires; the API server rejects the object.',
        },
        { messageId: 'unknownFieldSuggest', line: 16, column: 7, endColumn: 14, message: /^Device power-meter: spec\.protocol\.modbus\.slaveId is not a field of Device — did you mean slaveID\?/ },
        { messageId: 'wrongType', line: 18, column: 49, message: 'Device power-meter: spec.protocol.common.com.baudRate must be an integer, not the string "19200"; the API server rejects the object.' },
        { messageId: 'badEnum', line: 18, column: 66, message: 'Device power-meter: spec.protocol.common.com.parity must be one of even, none, odd, not "Even"; the API server rejects the object.' },
        { messageId: 'unknownField', line: 22, column: 5, message: /^Device power-meter: spec\.propertyVisitors\[0\]\.visitorConfig is not a field of Device/ },
      ],
    },
    {
      name: 'a DeviceModel in the v1beta1 layout written as v1alpha2: its v1beta1 fields are unknown there',
      files: {
        'devices/model.yaml': text`
          apiVersion: devices.kubeedge.io/v1alpha2
          kind: DeviceModel
          metadata: {name: thermo-model}
          spec:
            properties:
            - name: temperature
              type: FLOAT
              accessMode: ReadOnly
        `,
      },
      errors: [
        { messageId: 'wrongType', line: 7, column: 11, message: 'DeviceModel thermo-model: spec.properties[0].type must be a mapping, not the string "FLOAT"; the API server rejects the object.' },
        { messageId: 'unknownField', line: 8, column: 5, message: /^DeviceModel thermo-model: spec\.properties\[0\]\.accessMode is not a field of DeviceModel/ },
      ],
    },
  ],
});
