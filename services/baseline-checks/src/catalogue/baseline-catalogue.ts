import type { BaselineCheckItem, BaselineStandard } from './baseline-check-item';
import { accountItems } from './items/account.items';
import { auditItems } from './items/audit.items';
import { containerItems } from './items/container.items';
import { filesystemItems } from './items/filesystem.items';
import { integrityItems } from './items/integrity.items';
import { loggingItems } from './items/logging.items';
import { networkItems } from './items/network.items';
import { passwordItems } from './items/password.items';
import { privilegeItems } from './items/privilege.items';
import { servicesItems } from './items/services.items';
import { sshItems } from './items/ssh.items';
import { weakPasswordItems } from './items/weak-password.items';

/** The Linux baseline catalogue (Debian 12 first), in a stable order. */
export const BASELINE_CATALOGUE: readonly BaselineCheckItem[] = [
  ...accountItems,
  ...weakPasswordItems,
  ...passwordItems,
  ...sshItems,
  ...privilegeItems,
  ...filesystemItems,
  ...servicesItems,
  ...networkItems,
  ...auditItems,
  ...loggingItems,
  ...integrityItems,
  ...containerItems,
];

const byId = new Map(BASELINE_CATALOGUE.map((item) => [item.id, item]));
if (byId.size !== BASELINE_CATALOGUE.length) throw new Error('duplicate baseline check item id');

export const baselineCheckItem = (id: string): BaselineCheckItem | undefined => byId.get(id);

export const itemsOfStandard = (standard: BaselineStandard): readonly BaselineCheckItem[] => BASELINE_CATALOGUE.filter((item) => item.standards.some((s) => s.standard === standard));
