import { Module } from '@nestjs/common';
import { CloudAccountsModule } from '../cloud-accounts/cloud-accounts.module';
import { RemediationService } from './remediation.service';

@Module({ imports: [CloudAccountsModule], providers: [RemediationService] })
export class RemediationModule {}
