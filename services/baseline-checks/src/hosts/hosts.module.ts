import { Module } from '@nestjs/common';
import { HostsResolver } from './hosts.resolver';
import { HostsService } from './hosts.service';

@Module({ providers: [HostsResolver, HostsService], exports: [HostsService] })
export class HostsModule {}
