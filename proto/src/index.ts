export * from './subjects';
export * from './scan-task';
export * from './remediation';
export * from '../gen/rampart/assets/v1/asset_events_pb';
export * from '../gen/rampart/config_checks/v1/result_events_pb';
export * from '../gen/rampart/billing/v1/quota_pb';
export * from '../gen/rampart/baseline_checks/v1/result_events_pb';
export * from '../gen/rampart/baseline_checks/v1/task_requests_pb';
export { create, toBinary, fromBinary, toJson, fromJson } from '@bufbuild/protobuf';
