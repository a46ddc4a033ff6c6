#!/usr/bin/env node
// The `backprop` command. The CLI itself is built into dist/ (pnpm install builds it).
import('../dist/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('main.js')) {
    process.stderr.write(
      'backprop: the CLI is not built yet; run `pnpm build` in the repository\n',
    );
    process.exit(1);
  }
  throw error;
});
