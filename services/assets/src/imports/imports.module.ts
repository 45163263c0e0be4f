import { Module } from '@nestjs/common';
import { ImportInventoryService } from './import-inventory.service';
import { ImportsResolver } from './imports.resolver';
import { InventoryImportsService } from './inventory-imports.service';
import { InventoryUploadController } from './inventory-upload.controller';

@Module({
  controllers: [InventoryUploadController],
  providers: [ImportsResolver, ImportInventoryService, InventoryImportsService],
  exports: [ImportInventoryService],
})
export class ImportsModule {}
