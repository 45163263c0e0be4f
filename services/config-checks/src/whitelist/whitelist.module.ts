import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { WhitelistResolver } from './whitelist.resolver';
import { WhitelistService } from './whitelist.service';

@Module({ imports: [CatalogueModule], providers: [WhitelistResolver, WhitelistService] })
export class WhitelistModule {}
