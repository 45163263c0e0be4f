import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Response, type Router } from 'express';

// The console talks only to this origin (/graphql over HTTP and WebSocket); nothing else may load or frame it.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secure(res: Response): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

/**
 * The web console (`console/dist`, built by `npm run build` or `npm start`) at `/`: index.html never cached,
 * the hashed files under /assets/ cached for good. Routes live in the URL fragment, so `/` is the only page.
 */
export function consoleRouter(dir: string): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.get('/', (_req, res) => {
    secure(res);
    if (!existsSync(index)) {
      res.status(503).type('text').send('The console is not built: run `npm run build` (or `npm start`, which builds it).\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => secure(res),
    }),
  );
  return router;
}
