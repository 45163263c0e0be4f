import { Module } from '@nestjs/common';
import { BaselinePoliciesResolver } from './baseline-policies.resolver';
import { BaselinePoliciesService } from './baseline-policies.service';

@Module({ providers: [BaselinePoliciesResolver, BaselinePoliciesService], exports: [BaselinePoliciesService] })
export class PoliciesModule {}
