import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@rampart/platform';
import { CheckResultModel } from './check-result.model';

@ObjectType('CheckResultConnection')
export class CheckResultConnectionModel extends ConnectionType(CheckResultModel, 'CheckResult') {}
