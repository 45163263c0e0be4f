import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  hasPermission, IDENTITY_HEADER, LOGGER, PLATFORM_CONFIG, RampartError, verifyInternalIdentity, type Identity, type Logger,
} from '@rampart/platform';
import type { AssetsConfig } from '../config';
import { ImportInventoryService } from './import-inventory.service';
import type { InventoryImportModel } from './inventory-import.model';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };

/**
 * `POST /imports/inventory`: the snapshot file as the request body (`application/octet-stream`), read one call at a
 * time, for snapshots larger than a GraphQL request can carry (a JSON string tops out near 512 MiB). Same identity
 * (the gateway-signed `x-rampart-identity`), permission (`scan`), checks and result as `importInventory`; answers in
 * GraphQL's response shape, `{ data: { importInventory } }` or `{ errors: [{ message, extensions: { code, details } }] }`.
 */
@Controller('imports')
export class InventoryUploadController {
  constructor(
    private readonly importer: ImportInventoryService,
    @Inject(PLATFORM_CONFIG) private readonly config: AssetsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post('inventory')
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    const identity = await this.identityOf(req);
    if (!identity) return this.refuse(res, new RampartError('UNAUTHENTICATED', 'Authentication required'));
    if (!hasPermission(identity, 'scan')) return this.refuse(res, new RampartError('FORBIDDEN', 'Requires the scan permission'));
    let result: InventoryImportModel;
    try {
      // A JSON body already read by the platform's body parser is imported as parsed; anything else is streamed.
      result = (req as { _body?: boolean })._body
        ? await this.importer.importSnapshot(identity.tenantId, req.body)
        : await this.importer.importSnapshotStream(identity.tenantId, req);
    } catch (error) {
      if (error instanceof RampartError) return this.refuse(res, error);
      this.logger.error({ err: error }, 'inventory upload failed');
      res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    res.status(200).json({ data: { importInventory: result } });
  }

  private async identityOf(req: Request): Promise<Identity | undefined> {
    const token = req.headers[IDENTITY_HEADER];
    if (typeof token !== 'string' || token.length === 0) return undefined;
    return verifyInternalIdentity(token, this.config.internalAuthSecret).catch(() => undefined);
  }

  private refuse(res: Response, error: RampartError): void {
    // Whatever is left of the body is not read: close the connection rather than drain a large upload.
    res.setHeader('connection', 'close');
    res.status(STATUS[error.code] ?? 400).json({ errors: [{ message: error.message, extensions: { code: error.code, details: error.details } }] });
  }
}
