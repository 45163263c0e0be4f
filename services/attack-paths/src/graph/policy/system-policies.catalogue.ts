import type { PolicyDocument } from '@rampart/asset-model';

const allow = (action: string | string[], resource: string | string[] = '*'): PolicyDocument => ({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});

/**
 * Documents of the Alibaba system policies that matter to attack paths, used when the importer
 * attached a system policy without its document (system policies are the same in every account).
 */
export const SYSTEM_POLICY_DOCUMENTS: Readonly<Record<string, PolicyDocument>> = {
  AdministratorAccess: allow('*'),
  AliyunRAMFullAccess: allow('ram:*'),
  AliyunSTSAssumeRoleAccess: allow('sts:AssumeRole'),
  AliyunOSSFullAccess: allow('oss:*'),
  AliyunOSSReadOnlyAccess: allow(['oss:Get*', 'oss:List*']),
  AliyunECSFullAccess: allow('ecs:*'),
  AliyunECSAssistantFullAccess: allow(['ecs:*Command*', 'ecs:*Invocation*']),
  AliyunRDSFullAccess: allow('rds:*'),
  AliyunKvstoreFullAccess: allow('kvstore:*'),
  AliyunCSFullAccess: allow('cs:*'),
  AliyunVPCFullAccess: allow('vpc:*'),
  AliyunSLBFullAccess: allow('slb:*'),
};
