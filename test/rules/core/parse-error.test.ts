import rule from '../../../rules/core/parse-error.js';
import { ruleTester, text } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a conflict marker indented inside a block scalar is text of the value, and the document reads',
      files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  merge.txt: |\n    <<<<<<< HEAD\n    a\n' },
    },
    { name: 'well-formed YAML', files: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' } },
    { name: 'empty file', files: { 'a.yaml': '' } },
    { name: 'an X- section systemd skips silently', files: { 'a.service': '[X-Vendor]\nKey=v\n[Service]\nExecStart=/bin/true\n' } },
    {
      name: 'specifiers systemd knows, %% for a literal %, and a % that ends a word',
      files: { 'a.service': '[Service]\nExecStart=/bin/sh -c "echo %n on %H; date +%%F; echo 50%"\nEnvironment=FMT=%%Y-%%m UNIT=%N\n' },
    },
  ],
  invalid: [
    {
      name: 'unterminated quoted scalar',
      files: { 'deploy.yaml': text`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: "broken
      ` },
      errors: [{ messageId: 'parse', line: 4, column: 9 }],
    },
    {
      name: 'second document broken, first still read',
      files: { 'a.yaml': 'kind: A\n---\nb: [1, 2\n' },
      errors: [{ messageId: 'parse', line: 3, column: 4 }],
    },
    {
      // sweep3 FP-2: yaml reports every later key of the broken mapping as a second error of its own.
      name: 'a key dedented out of a ConfigMap\'s data: the first problem of the document only, not the cascade after it',
      files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: node}\ndata:\n  one.conf: |\n    k: 1\nstray:\n    v: 2\n  two.conf: |\n    k: 2\n  three.conf: |\n    k: 3\n---\nkind: B\nb: [1, 2\n' },
      errors: [
        { messageId: 'parse', line: 9, column: 1, message: 'All mapping items must start at the same column.' },
        { messageId: 'parse', line: 15, column: 4 },
      ],
    },
    {
      name: 'JSON written after a block scalar indicator: says what is wrong instead of quoting the whole token',
      files: { 'a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    last-applied: | {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{}}\n` },
      errors: [
        {
          messageId: 'parse', line: 6, column: 21,
          message: "Text after the block scalar indicator `|` on its line: a block scalar's content starts on the next line, indented (or quote the value on this line).",
        },
      ],
    },
    {
      // sweep18: a mapper Deployment committed with both sides of a merge conflict in it.
      name: 'a git conflict marker left in a manifest is the problem reported, at the marker line',
      files: { 'mapper.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: m\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n<<<<<<< HEAD\n          image: example/m:v4\n=======\n          image: example/m:v5\n>>>>>>> 1a2b3c4 (retry on reconnect)\n          imagePullPolicy: IfNotPresent\n' },
      errors: [
        {
          messageId: 'parse', line: 10, column: 1, endLine: 10, endColumn: 13,
          message: 'Unresolved merge conflict: `<<<<<<< HEAD` is a git conflict marker, and the lines down to `>>>>>>>` hold both sides of the merge, which no YAML reader accepts; keep one side and delete the marker lines.',
        },
      ],
    },
    {
      name: 'the marker is reported even where the parser stops on a later line, and only in its own document',
      files: { 'a.yaml': 'kind: A\nitems:\n- one\n<<<<<<< ours\n- two\n=======\n- three\n>>>>>>> theirs\n---\nkind: B\nb: [1, 2\n' },
      errors: [
        { messageId: 'parse', line: 4, column: 1, message: /^Unresolved merge conflict: `<<<<<<< ours` is a git conflict marker/ },
        { messageId: 'parse', line: 11, column: 4 },
      ],
    },
    {
      name: 'a long token in yaml\'s message is cut at 40 characters',
      files: { 'a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: |x${'q'.repeat(80)}\n` },
      errors: [{ messageId: 'parse', line: 6, column: 7, message: `Block scalar header includes extra characters: |x${'q'.repeat(38)}….` }],
    },
    // yaml says "Nested mappings are not allowed in compact mappings" at the value the next line continues.
    {
      name: 'a line indented under a plain value: one finding at that line, naming the key and the value',
      files: { 'devices/pump.yaml': 'apiVersion: devices.kubeedge.io/v1beta1\nkind: Device\nmetadata: {name: pump}\nspec:\n  protocol: modbus\n    slaveID: 1\n    port: 502\n  nodeName: pi\n' },
      errors: [
        {
          messageId: 'parse', line: 6, column: 5, endLine: 6, endColumn: 15,
          message:
            '`slaveID: 1` is indented deeper than `protocol` above it, so YAML reads it as more of the plain value `modbus` and finds a key inside a value (Nested mappings are not allowed in compact mappings): indent it to the column of `protocol`, or, if it belongs under `modbus`, put `modbus:` on a line of its own.',
        },
      ],
    },
    {
      name: 'the same in a list item, with a blank line and a CRLF in between: at the first line that holds anything',
      files: { 'app.yaml': 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: app}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: registry.example.com/app:2.1\r\n\r\n      tag: 2.1\r\n' },
      errors: [{ messageId: 'parse', line: 9, column: 7, endColumn: 15, message: /^`tag: 2\.1` is indented deeper than `image` above it, so YAML reads it as more of the plain value `registry\.example\.com\/app:2\.1` / }],
    },
    {
      name: 'a key on the value\'s own line keeps yaml\'s message and place',
      files: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  mode: fast: yes\n' },
      errors: [{ messageId: 'parse', line: 5, column: 9, message: 'Nested mappings are not allowed in compact mappings.' }],
    },
    // systemd units, as systemd reads them (src/parse/systemd.ts cites the source of each verdict).
    {
      name: 'an unknown escape in ExecStart= is kept by systemd: a warning, not a rejection',
      files: { 'edge/etc/systemd/system/probe.service': '[Service]\nExecStart=/bin/echo \\d\nRestart=always\n' },
      errors: [
        {
          messageId: 'parse', line: 2, column: 21, endColumn: 23, severity: 'warning',
          message: 'Unknown escape `\\d` in a command line: systemd keeps the backslash and passes `\\d` on as written (it logs "Ignoring unknown escape sequences"); write `\\\\` where a literal backslash is meant.',
        },
      ],
    },
    {
      name: 'every Exec*= line is read like ExecStart=: an unknown escape in ExecStartPre= is a warning too',
      files: { 'probe.service': '[Service]\nExecStartPre=/bin/sh -c "test -d \\/run"\nExecStart=/bin/true\n' },
      errors: [{ messageId: 'parse', line: 2, column: 34, endColumn: 36, severity: 'warning', message: /^Unknown escape `\\\/` in a command line: systemd keeps the backslash/ }],
    },
    {
      name: 'an unknown escape in Environment= ends the line: an error',
      files: { 'probe.service': '[Service]\nEnvironment=A=1 B=\\d\nExecStart=/bin/true\n' },
      errors: [{ messageId: 'parse', line: 2, column: 19, endColumn: 21, severity: 'error', message: /^Unknown escape `\\d` in Environment=: systemd ignores this word and the rest of the line/ }],
    },
    {
      name: 'a date format in a command line: %F is no systemd specifier, so systemd refuses the unit',
      files: { 'stamp.service': '[Service]\nExecStart=/bin/sh -c "date +%F > /run/boot-day"\nRestart=always\n' },
      errors: [
        {
          messageId: 'parse', line: 2, column: 29, endColumn: 31, severity: 'error',
          message: 'Unknown specifier `%F` in a command line: systemd cannot resolve it ("Failed to resolve unit specifiers … Invalid slot") and refuses to start the unit; write `%%` for a literal `%`.',
        },
      ],
    },
    {
      name: 'behind the - prefix the command line is dropped; one finding per setting, at its first unknown specifier',
      files: { 'stamp.service': '[Service]\nExecStartPre=-/bin/echo %1 %Z\nExecStart=/bin/true\n' },
      errors: [{ messageId: 'parse', line: 2, column: 25, endColumn: 27, severity: 'error', message: /^Unknown specifier `%1` in a command line: systemd drops this command line/ }],
    },
    {
      name: 'an unknown specifier in the program path is reported too',
      files: { 'stamp.service': '[Service]\nExecStart=/opt/%k/bin/agent\n' },
      errors: [{ messageId: 'parse', line: 2, column: 16, endColumn: 18, severity: 'error', message: /^Unknown specifier `%k` in a command line/ }],
    },
    {
      name: 'Environment= drops the one assignment it cannot resolve',
      files: { 'stamp.service': '[Service]\nEnvironment=STAMP=%Y-%e B=1\nExecStart=/bin/true\n' },
      errors: [
        {
          messageId: 'parse', line: 2, column: 22, endColumn: 24, severity: 'error',
          message: 'Unknown specifier `%e` in Environment=: systemd ignores the assignment of STAMP ("Failed to resolve specifiers … Invalid slot"); write `%%` for a literal `%`.',
        },
      ],
    },
    {
      name: 'an invalid Type= is reported once, at its value, as a warning without a doubled mark',
      files: { 'mqtt.service': '[Service]\nType=OneShot\nExecStart=/usr/bin/docker run eclipse-mosquitto:2.0\nRestart=always\n' },
      errors: [
        {
          messageId: 'parse', line: 2, column: 6, endColumn: 13, severity: 'warning',
          message: 'Invalid Type=OneShot: systemd logs "Failed to parse service type, ignoring" and runs the service as Type=simple, the default for a service with ExecStart=; did you mean Type=oneshot?',
        },
      ],
    },
    {
      name: 'a broken header and the four lines it hides: one finding',
      files: { 'mqtt.service': '[Unit]\nDescription=broker\n[Service\nExecStart=/usr/sbin/mosquitto\nRestart=always\n[Install]\nWantedBy=multi-user.target\n' },
      errors: [{ messageId: 'parse', line: 3, column: 1, endColumn: 9, severity: 'error', message: /^Invalid section header `\[Service`: .* so the 4 lines after it are never applied\.$/ }],
    },
    {
      name: 'a header without brackets before any section and the assignments after it: one finding',
      files: { 'mqtt.service.d/override.conf': 'Service\nRestart=always\nRestartSec=5\n' },
      errors: [{ messageId: 'parse', line: 1, column: 1, endColumn: 8, message: '`Service` is not a section header (write `[Service]`): systemd ignores this line, and the 2 assignments after it with it.' }],
    },
  ],
});
