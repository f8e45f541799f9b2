/**
 * The intake contract's example referral (shared/contracts/inbound-referral.md), as a request body —
 * for the sample script, the card gallery and the tests. Its two optional instants are left out:
 * each caller sets createdDateTime/expirationDateTime relative to its own "now", so that the example
 * is never expired on arrival.
 */
export function contractExample() {
  return {
    id: 'pc-7f3c2a',
    engagementId: 'eng-18e2',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    name: 'Contoso – Azure migration',
    location: 'FR',
    sender: { type: 'Microsoft', organizationName: 'Microsoft', name: 'Camille Martin', email: 'camille.martin@microsoft.example' },
    customerProfile: {
      name: 'Contoso SA',
      address: { city: 'Paris', country: 'FR' },
      duns: '123456789',
      team: [{ firstName: 'Léa', lastName: 'Dubois', email: 'lea.dubois@contoso.example', phoneNumber: '+33 1 23 45 67 89' }],
    },
    details: {
      dealValue: 250000,
      currency: 'EUR',
      closingDateTime: '2027-03-31',
      notes: 'Customer wants to leave its data centre by Q2.',
      requirements: { solutions: [{ name: 'Azure Migrate', publisher: 'Microsoft' }] },
    },
    inviteContext: { notes: 'You did their last migration.', helpWanted: 'Technical pre-sales' },
  };
}
