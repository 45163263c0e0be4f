import { ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@rampart/platform';
import { AssetModel } from './asset.model';

@ObjectType('AssetConnection')
export class AssetConnectionModel extends ConnectionType(AssetModel, 'Asset') {}
