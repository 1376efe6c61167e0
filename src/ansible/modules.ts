/**
 * Ansible task keys: which name a module, in short (`copy`) and fully qualified
 * (`ansible.builtin.copy`) form, and which are task keywords (Ansible's "Playbook Keywords", Task).
 */

/** Collections whose modules are written with or without the prefix (ansible-core's `collections` default and the legacy alias). */
const PREFIXES = ['ansible.builtin.', 'ansible.legacy.', 'community.docker.', 'community.general.', 'ansible.posix.'];

/** The modules whose effect on the edge host edgelint reads (tasks.ts), by short name. */
export const READ_MODULES = new Set([
  'copy',
  'template',
  'shell',
  'command',
  'raw',
  'systemd',
  'systemd_service',
  'service',
  'docker_image',
  'docker_image_load',
  'get_url',
  'unarchive',
  'lineinfile',
  'replace',
  'blockinfile',
]);

/**
 * Other modules common in installers: naming one is enough to say a list item is a task (a task
 * list outside a role's layout is recognised by content). Not read further.
 */
const OTHER_MODULES = new Set([
  'apt', 'yum', 'dnf', 'package', 'pip', 'file', 'user', 'group', 'git',
  'debug', 'set_fact', 'fail', 'assert', 'wait_for', 'uri', 'stat', 'sysctl', 'modprobe', 'mount', 'apt_key',
  'apt_repository', 'yum_repository', 'include_tasks', 'import_tasks', 'include_role', 'import_role', 'include_vars',
  'pause', 'reboot', 'script', 'slurp', 'fetch', 'synchronize', 'docker_container', 'k8s', 'hostname', 'cron',
  'setup', 'meta', 'find', 'archive', 'iptables', 'ufw', 'firewalld', 'selinux', 'timezone',
]);

/** The short name of a module key, or undefined when the key is no module this reader knows. */
export function moduleName(key: string): string | undefined {
  let name = key;
  for (const prefix of PREFIXES) {
    if (name.startsWith(prefix)) {
      name = name.slice(prefix.length);
      break;
    }
  }
  if (name === 'systemd_service') return 'systemd';
  return READ_MODULES.has(name) || OTHER_MODULES.has(name) ? name : undefined;
}
