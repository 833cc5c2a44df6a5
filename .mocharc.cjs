// TypeScript through tsx; unit tests sit beside their code, cross-module tests under test/.
module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/setup.ts'],
  spec: ['{core,config,contexts,crypto,storage,mail,issuer,verifier,wallet-api,marketplace,log,http,cli}/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
  reporter: 'test/summary-reporter.cjs',
  timeout: 60000,
  exit: true,
};
