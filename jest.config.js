/** Unit specs sit beside the code (libs, src); e2e and integration specs under test/. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
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
