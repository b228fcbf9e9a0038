/** Tailspin Toys' application as an indirect reseller, as Lucía fills in the enrolment form (seed 002's fields). */
export const TAILSPIN_APPLICATION = {
  legalName: 'Tailspin Toys S.L.',
  street: 'Calle Mayor 1',
  city: 'Madrid',
  postalCode: '28013',
  countryRegion: 'es',
  contactName: 'Lucía Martín',
  contactEmail: 'lucia@tailspintoys.es',
  contactPhone: '+34 600 000 000',
  supportEmail: 'soporte@tailspintoys.es',
  supportPhone: '+34 900 000 000',
  mpnId: '5550001',
};
