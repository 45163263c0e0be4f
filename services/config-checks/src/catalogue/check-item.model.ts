import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';
import type { CheckItem } from '../checks';

@ObjectType('StandardReference')
export class StandardReferenceModel {
  @Field({ description: 'CIS_ALIBABA_2_0 | MLPS_2_0_L3' })
  standard!: string;
  @Field({ description: 'CIS section ("4.3") or MLPS clause ("8.1.4.2a")' })
  controlId!: string;
}

@ObjectType('CheckItem')
@Directive('@key(fields: "id")')
export class CheckItemModel {
  @Field(() => ID)
  id!: string;
  @Field()
  title!: string;
  @Field()
  description!: string;
  @Field()
  rationale!: string;
  @Field({ description: 'HIGH | MEDIUM | LOW' })
  severity!: string;
  @Field({ description: 'Free items cost no quota to scan or verify' })
  free!: boolean;
  @Field()
  fixable!: boolean;
  @Field()
  product!: string;
  @Field()
  resourceType!: string;
  @Field(() => [StandardReferenceModel])
  standards!: StandardReferenceModel[];
  @Field()
  remediation!: string;
  @Field(() => JSONScalar, { description: '{ schema, defaults }: the JSON Schema of the item parameters and their defaults' })
  parameters!: unknown;
}

export function toCheckItemModel(item: CheckItem): CheckItemModel {
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    rationale: item.rationale,
    severity: item.severity,
    free: item.free,
    fixable: item.fixable,
    product: item.product,
    resourceType: item.resourceType,
    standards: item.standards.map((s) => ({ standard: s.standard, controlId: s.controlId })),
    remediation: item.remediation,
    parameters: { schema: item.paramSchema, defaults: item.defaultParams },
  };
}
