import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module';
import { CloudAccountsResolver } from './cloud-accounts.resolver';
import { CloudAccountsService } from './cloud-accounts.service';

@Module({ imports: [ImportsModule], providers: [CloudAccountsResolver, CloudAccountsService], exports: [CloudAccountsService] })
export class CloudAccountsModule {}
