/**
 * The formats the API server's validation holds names and keys to, which no OpenAPI schema states.
 * Each check is the apimachinery function it stands for, with the messages that function returns,
 * so a finding says what `kubectl apply` prints after `Invalid value: "…":`.
 *
 * - k8s.io/apimachinery pkg/util/validation/validation.go and pkg/api/validate/content (dns.go,
 *   kube.go): IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsValidPortName, IsValidPortNum,
 *   IsQualifiedName (= IsLabelKey), IsValidLabelValue;
 * - pkg/api/validation/generic.go: NameIsDNSSubdomain / NameIsDNSLabel / NameIsDNS1035Label, which
 *   test a `generateName` prefix with its trailing dash masked (maskTrailingDash).
 */

export type FormatCheck = (value: string) => string[];

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const maxLen = (n: number) => `must be no more than ${n} characters`;
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  // As Go's RegexError writes it, the doubled space before "or" included.
  return `${msg} (e.g. ${examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('')}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL_MSG = regexError(
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  '[a-z0-9]([-a-z0-9]*[a-z0-9])?',
  'my-name',
  '123-abc',
);
const DNS1123_SUBDOMAIN_MSG = regexError(
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*',
  'example.com',
);
const DNS1035_LABEL_MSG = regexError(
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  '[a-z]([-a-z0-9]*[a-z0-9])?',
  'my-name',
  'abc-123',
);
const LABEL_KEY_MSG = regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]', 'MyName', 'my.name', '123-abc');
const LABEL_VALUE_MSG = regexError(
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?',
  'MyValue',
  'my_value',
  '12345',
);

/** Go's len() counts UTF-8 bytes. */
const byteLength = (value: string) => Buffer.byteLength(value, 'utf8');

/** A byte-length limit and one pattern: the shape of most of apimachinery's Is* functions. */
function lengthAndPattern(max: number, pattern: RegExp, message: (value: string) => string): FormatCheck {
  return (value) => {
    const errs: string[] = [];
    if (byteLength(value) > max) errs.push(maxLen(max));
    if (!pattern.test(value)) errs.push(message(value));
    return errs;
  };
}

export const isDNS1123Label = lengthAndPattern(63, DNS1123_LABEL, (value) => (DNS1123_SUBDOMAIN.test(value) ? 'must not contain dots' : DNS1123_LABEL_MSG));
export const isDNS1123Subdomain = lengthAndPattern(253, DNS1123_SUBDOMAIN, () => DNS1123_SUBDOMAIN_MSG);
export const isDNS1035Label = lengthAndPattern(63, DNS1035_LABEL, () => DNS1035_LABEL_MSG);

/** IANA_SVC_NAME as Kubernetes reads it: a container port's name, a Service's string targetPort. */
export const isValidPortName: FormatCheck = (value) => {
  const errs: string[] = [];
  if (byteLength(value) > 15) errs.push(maxLen(15));
  if (!/^[-a-z0-9]+$/.test(value)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) errs.push('must contain at least one letter (a-z)');
  if (value.includes('--')) errs.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
};

/** A label key, an annotation key (lowercased first) and every other "qualified name". */
export const isQualifiedName: FormatCheck = (value) => {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    name = parts[1];
    if (parts[0].length === 0) errs.push('prefix part must be non-empty');
    else for (const msg of isDNS1123Subdomain(parts[0])) errs.push(`prefix part ${msg}`);
  } else {
    return [`a valid label key ${LABEL_KEY_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push(`name part ${maxLen(63)}`);
  if (!LABEL_KEY_NAME.test(name)) errs.push(`name part ${LABEL_KEY_MSG}`);
  return errs;
};

export const isValidLabelValue = lengthAndPattern(63, LABEL_VALUE, () => LABEL_VALUE_MSG);

export const isValidPortNum = (port: number): string[] => (port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive']);

/**
 * A name function applied to a `generateName` prefix: a trailing dash is masked as
 * maskTrailingDash does (the last two characters become `a`), since characters are appended to it.
 */
export function asPrefix(check: FormatCheck): FormatCheck {
  return (value) => check(value.endsWith('-') && value.length >= 2 ? `${value.slice(0, -2)}a` : value);
}

/** CronJob names: a subdomain, and at most 52 characters so the Jobs' `-<timestamp>` names stay labels (batch validation ValidateCronJob). */
export const cronJobName: FormatCheck = (value) => {
  const errs = isDNS1123Subdomain(value);
  if (byteLength(value) > 52) errs.push(maxLen(52));
  return errs;
};
