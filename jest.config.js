/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  // `adaptivecards` ships ESM without file extensions, which Node 20 cannot require; its UMD build works.
  moduleNameMapper: { '^adaptivecards$': '<rootDir>/node_modules/adaptivecards/dist/adaptivecards.js' },
  testTimeout: 30000,
};
