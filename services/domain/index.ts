/** The co-sell domain: plain data and pure rules, no Teams. See ../../../shared/DOMAIN.md. */
export * from './model';
export * from './result';
export * from './stages';
export * from './dealType';
export * from './visibility';
export * from './inputs';
export * from './change';
export * from './lifecycle';
export * from './invitations';
export * from './solutions';
export * from './edits';
export * from './registration';
export * from './favorites';
export * from './schedule';
export * from './timeRules';
export * from './actions';
export * from './ids';
