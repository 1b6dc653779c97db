// How to reach and read a store beyond its URL: the SSH key and known_hosts for sftp:// stores,
// and the field mapping of a TensorBoard or MLflow source. Plain data, so it crosses to worker
// threads; built from Settings, with CLI flags taking precedence.
import type { FieldMapping } from '../sources/field-mapping';

export interface StoreAccessOptions {
  /** Private key file for sftp:// stores (default: ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa). */
  sshKeyFile?: string;
  /** known_hosts files to trust (default ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts). */
  knownHostsFiles?: string[];
  /** Which param or tag of a TensorBoard or MLflow run gives params, tokens, flops, group, ablation, variant and seed. */
  fieldMapping?: FieldMapping;
}

export function storeAccessOf(
  settings: { sshKeyFile?: string; fieldMapping?: FieldMapping },
  flags: StoreAccessOptions = {},
): StoreAccessOptions {
  const access: StoreAccessOptions = {};
  const sshKeyFile = flags.sshKeyFile ?? settings.sshKeyFile;
  if (sshKeyFile) access.sshKeyFile = sshKeyFile;
  if (flags.knownHostsFiles && flags.knownHostsFiles.length > 0) access.knownHostsFiles = flags.knownHostsFiles;
  const fieldMapping = flags.fieldMapping ?? settings.fieldMapping;
  if (fieldMapping && Object.keys(fieldMapping).length > 0) access.fieldMapping = fieldMapping;
  return access;
}
