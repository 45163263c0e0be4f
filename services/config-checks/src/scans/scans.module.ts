import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { BaselineTaskClient } from './baseline-task.client';
import { ScanTaskListResolver } from './scan-task-list.resolver';
import { ScanTaskListService } from './scan-task-list.service';
import { ScansResolver } from './scans.resolver';
import { ScansService } from './scans.service';

@Module({ imports: [CatalogueModule], providers: [ScansResolver, ScansService, BaselineTaskClient, ScanTaskListResolver, ScanTaskListService] })
export class ScansModule {}
