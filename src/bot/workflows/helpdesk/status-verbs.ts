/** The buttons of status's "did you mean" and of a customer's "Remove roles". */
export const STATUS_VERBS = {
  show: 'status.show',
  removeRolesPick: 'remove-roles.pick',
  removeRolesConfirm: 'remove-roles.confirm',
  removeRolesBack: 'remove-roles.back',
  removeRoles: 'remove-roles.remove',
} as const;
