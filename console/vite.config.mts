import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite` in console/ serves the sources with /graphql (HTTP and WebSocket) proxied to a running gateway;
// `vite build` writes console/dist, which the gateway serves at `/`.
const gateway = process.env.RAMPART_GATEWAY ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 700 },
  server: { proxy: { '/graphql': { target: gateway, ws: true } } },
});
