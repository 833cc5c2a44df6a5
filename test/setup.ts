// Loaded by mocha before any test file (.mocharc.cjs `require`).
import { installNetworkGuard } from './network-guard.ts';

process.env.SCARF_ANALYTICS = 'false';
installNetworkGuard();
