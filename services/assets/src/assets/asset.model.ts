import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';

@ObjectType('AssetRelationship')
export class AssetRelationshipModel {
  @Field()
  type!: string;
  @Field(() => ID)
  targetId!: string;
  @Field(() => JSONScalar, { nullable: true })
  properties!: Record<string, unknown> | null;
}

@ObjectType('Asset')
@Directive('@key(fields: "id")')
export class AssetModel {
  @Field(() => ID)
  id!: string;
  @Field()
  provider!: string;
  @Field()
  accountId!: string;
  @Field(() => String, { nullable: true })
  region!: string | null;
  @Field({ description: 'ECS | OSS | RAM | RDS | VPC | SLB | EIP | ACK | KVSTORE | ACTIONTRAIL | KMS | SLS | SAS | HOST' })
  product!: string;
  @Field({ description: 'ROS style, e.g. ALIYUN::ECS::Instance' })
  resourceType!: string;
  @Field()
  resourceId!: string;
  @Field()
  name!: string;
  @Field(() => JSONScalar)
  tags!: Record<string, string>;
  @Field(() => JSONScalar)
  configuration!: unknown;
  @Field(() => [AssetRelationshipModel])
  relationships!: AssetRelationshipModel[];
  @Field({ description: 'Reachable from the internet by its own configuration (public IP/EIP, public endpoint or ACL).' })
  internetExposed!: boolean;
  @Field({ description: 'True when some of its configuration could not be collected (checks on it report ERROR).' })
  incomplete!: boolean;
  @Field(() => JSONScalar, { description: 'What could not be collected: fields, the API call and its error.' })
  unknown!: unknown;
  @Field()
  firstSeenAt!: Date;
  @Field()
  updatedAt!: Date;
}
