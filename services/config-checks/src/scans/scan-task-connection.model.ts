import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@rampart/platform';
import { ScanTaskModel } from './scan-task.model';

@ObjectType('ScanTaskConnection')
export class ScanTaskConnectionModel extends ConnectionType(ScanTaskModel, 'ScanTask') {}
