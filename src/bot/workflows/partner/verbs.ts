/** Card verbs of the partner workflows in this folder; each is handled by exactly one module. */
export const PARTNER_VERBS = {
  pickCustomer: 'partner.roles.pick',
  changeRoles: 'partner.roles.change',
  reviewRoles: 'partner.roles.review',
  sendRoles: 'partner.roles.send',
  rolesBack: 'partner.roles.back',
  /** A trial's reminder opens the purchase offer form with this (src/services/relationships/trial-watch.ts). */
  offerForm: 'partner.offer.form',
  offerRedraw: 'partner.offer.redraw',
  offerSubmit: 'partner.offer.submit',
  trialRedraw: 'partner.trial.redraw',
  trialSubmit: 'partner.trial.submit',
  newCustomerSubmit: 'partner.new-customer.submit',
} as const;
