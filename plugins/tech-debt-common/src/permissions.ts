import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Creating, editing and resolving debt items on any entity. Members of the
 * entity's owning team may always do so on their own entities.
 *
 * @public
 */
export const techDebtManagePermission = createPermission({
  name: 'tech-debt.item.manage',
  attributes: { action: 'update' },
});

/** Every permission of the tech-debt plugin, for the permissions registry. @public */
export const techDebtPermissions = [techDebtManagePermission];
