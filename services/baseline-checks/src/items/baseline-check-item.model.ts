import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('BaselineStandardRef')
export class BaselineStandardRefModel {
  @Field({ description: 'CIS_DEBIAN_12 | MLPS_2_0_L3 | WEAK_PASSWORD' })
  standard!: string;
  @Field({ description: 'CIS Debian Linux 12 v1.1.0 section ("5.1.20") or MLPS clause ("8.1.4.1a")' })
  controlId!: string;
}

@ObjectType('BaselineCheckItem')
@Directive('@key(fields: "id")')
export class BaselineCheckItemModel {
  @Field(() => ID)
  id!: string;
  @Field()
  title!: string;
  @Field({ description: 'HIGH | MEDIUM | LOW' })
  severity!: string;
  @Field()
  category!: string;
  @Field(() => [BaselineStandardRefModel])
  standards!: BaselineStandardRefModel[];
  @Field()
  remediation!: string;
}
