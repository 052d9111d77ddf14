/**
 * Unit specs sit beside the code (libs, src); e2e and integration specs under test/. The unit specs touch no
 * database, so CI's second pass (on PostgreSQL) sets JEST_SUITES=database and runs test/ alone.
 */
const UNIT = ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'];
const DATABASE = ['<rootDir>/test/**/*.e2e-spec.ts'];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: process.env.JEST_SUITES === 'database' ? DATABASE : [...UNIT, ...DATABASE],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^@clearance/documents(|/.*)$': '<rootDir>/libs/documents/src$1',
    '^@clearance/scanner(|/.*)$': '<rootDir>/libs/scanner/src$1',
    '^@clearance/workflow(|/.*)$': '<rootDir>/libs/workflow/src$1',
  },
  testTimeout: 120_000,
  setupFiles: ['reflect-metadata'],
  // A safety net for CI: a suite that leaks a socket must not hold the run open after its results are in.
  forceExit: true,
};
