/** Card verbs of the partner workflows in this folder; each is handled by exactly one module. */
export const PARTNER_VERBS = {
  pickCustomer: 'partner.roles.pick',
  changeRoles: 'partner.roles.change',
  reviewRoles: 'partner.roles.review',
  sendRoles: 'partner.roles.send',
  offerForm: 'partner.offer.form',
  offerSubmit: 'partner.offer.submit',
  newCustomerForm: 'partner.new-customer.form',
  newCustomerSubmit: 'partner.new-customer.submit',
} as const;
