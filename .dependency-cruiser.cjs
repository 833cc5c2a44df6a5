// The shape of the house (DESIGN.md §3), checked on every `npm test`.
const ROLES = '^(issuer|verifier|wallet-api|marketplace|log)/';
const CRYPTO_LIBS =
  '^(node:crypto|crypto)$|node_modules/(@digitalbazaar/(vc|data-integrity|eddsa-rdfc-2022-cryptosuite|ecdsa-rdfc-2019-cryptosuite|ecdsa-sd-2023-cryptosuite|ed25519-multikey|ecdsa-multikey|did-method-key|ed25519-signature-2020)|jose|did-jwt-vc|@sd-jwt)/';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ imports nothing with side effects and no other folder of ours (zlib is pure computation: status bitstrings).',
      severity: 'error',
      from: { path: '^core/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^core/', 'node_modules/canonicalize/', '^zlib$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'lower-layers-import-only-core',
      comment: 'crypto/, contexts/, storage/, mail/ import only core/ (and their libraries).',
      severity: 'error',
      from: { path: '^(crypto|contexts|storage|mail)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(config|issuer|verifier|wallet-api|marketplace|log|http|cli|server)' },
    },
    {
      name: 'crypto-libraries-only-in-crypto',
      severity: 'error',
      from: { pathNot: '^(crypto/|test/|bench/)|\\.test\\.ts$' },
      to: { path: CRYPTO_LIBS },
    },
    {
      name: 'roles-do-not-import-storage',
      comment: 'Roles receive storage as arguments (ports in core/ports.ts).',
      severity: 'error',
      from: { path: ROLES, pathNot: '\\.test\\.ts$' },
      to: { path: '^storage/' },
    },
    {
      name: 'roles-do-not-import-each-other',
      comment: 'Cross-role calls go through the exported service in the role folder index.ts.',
      severity: 'error',
      from: { path: '^(issuer|verifier|wallet-api|marketplace|log)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: ROLES,
        pathNot: ['^$1/', '^(issuer|verifier|wallet-api|marketplace|log)/index\\.ts$'],
      },
    },
    {
      name: 'marketplace-imports-only-the-verifier',
      comment: 'DESIGN.md §3 rule 6: the marketplace scores what verifier/ verified, through verifier/index.ts, and reaches no other role.',
      severity: 'error',
      from: { path: '^marketplace/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(issuer|wallet-api|log)/|^verifier/(?!index\\.ts$)' },
    },
    {
      name: 'express-only-at-the-edge',
      severity: 'error',
      from: { pathNot: '^(http/|server\\.ts|test/|bench/)|[/-]routes\\.ts$|\\.test\\.ts$' },
      to: { path: 'node_modules/(express|helmet|express-rate-limit|swagger-ui-express|pino-http)/' },
    },
    {
      name: 'config-only-at-composition-roots',
      severity: 'error',
      from: { pathNot: '^(server\\.ts|cli/|test/|bench/|config/)|\\.test\\.ts$' },
      to: { path: '^config/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.proofline|coverage|\\.scratch)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
