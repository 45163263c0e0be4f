import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@rampart/platform';
import { AttackPathModel } from './attack-path.model';

@ObjectType('AttackPathConnection')
export class AttackPathConnectionModel extends ConnectionType(AttackPathModel, 'AttackPath') {}
