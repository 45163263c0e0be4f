import { Readable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { IDENTITY_HEADER, injectTraceContext, type Identity } from '@rampart/platform';
import { forwardedIdentity } from '../identity-forwarding.data-source';
import { sendGraphQLError } from '../http/graphql-error.response';

/**
 * `POST /imports/inventory`: a snapshot too large for one GraphQL request, streamed as it arrives to the assets
 * subgraph's upload endpoint with the caller's identity signed for that hop (after the same authentication and rate
 * limit as `/graphql`). Nothing is buffered here; the client hanging up aborts the upstream request.
 */
export function inventoryUploadProxy(assetsGraphqlUrl: string, internalSecret: string) {
  const target = new URL('/imports/inventory', assetsGraphqlUrl);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const aborted = new AbortController();
    req.on('close', () => {
      if (!req.complete) aborted.abort();
    });
    try {
      const headers: Record<string, string> = {
        ...injectTraceContext({}),
        'content-type': req.headers['content-type'] ?? 'application/octet-stream',
        'x-request-id': res.locals.requestId as string,
        [IDENTITY_HEADER]: await forwardedIdentity(res.locals.identity as Identity, internalSecret),
      };
      if (typeof req.headers['content-length'] === 'string') headers['content-length'] = req.headers['content-length'];
      const upstream = await fetch(target, {
        method: 'POST',
        headers,
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: 'half',
        signal: aborted.signal,
      } as RequestInit & { duplex: 'half' });
      res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json');
      if (upstream.headers.get('connection') === 'close') res.setHeader('connection', 'close');
      res.send(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      if (aborted.signal.aborted) return;
      if (error instanceof TypeError) return sendGraphQLError(res, 502, 'The assets service did not answer the upload', 'INTERNAL_SERVER_ERROR');
      next(error);
    }
  };
}
