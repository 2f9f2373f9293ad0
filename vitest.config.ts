import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser, PDF and HTML-validator tests start real Chromium and Java.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The machines have 2 cores; more workers only fight over Chromium.
    maxWorkers: 2,
  },
})
