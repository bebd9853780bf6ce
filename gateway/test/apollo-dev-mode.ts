// Apollo Client's CommonJS build reads `globalThis.__DEV__` once, when it loads: set before it is
// imported, it prints its development warnings (the ones a developer sees in the browser).
Object.assign(globalThis, { __DEV__: true });
