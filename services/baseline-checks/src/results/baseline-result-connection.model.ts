import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@rampart/platform';
import { BaselineResultModel } from './baseline-result.model';

@ObjectType('BaselineResultConnection')
export class BaselineResultConnectionModel extends ConnectionType(BaselineResultModel, 'BaselineResult') {}
