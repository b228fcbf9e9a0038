/** Card verbs of the two-tier workflow (two-tier.ts beside it). */
export const TWO_TIER_VERBS = {
  inviteResellerForm: 'two-tier.invite-reseller.form',
  inviteReseller: 'two-tier.invite-reseller',
  authorize: 'two-tier.authorize',
  decline: 'two-tier.decline',
  open: 'two-tier.open',
  customers: 'two-tier.customers',
  inviteCustomerForm: 'two-tier.invite-customer.form',
  inviteCustomer: 'two-tier.invite-customer',
  removeAccessConfirm: 'two-tier.provider-access.confirm',
  removeAccess: 'two-tier.provider-access.remove',
} as const;
