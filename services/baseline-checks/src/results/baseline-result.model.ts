import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '@rampart/platform';
import { BaselineCheckItemModel } from '../items/baseline-check-item.model';
import { HostModel } from '../hosts/host.model';

@ObjectType('BaselineResult')
@Directive('@key(fields: "id")')
export class BaselineResultModel {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'PASS | FAIL | NOT_APPLICABLE | MANUAL | ERROR' })
  status!: string;
  @Field()
  reason!: string;
  @Field(() => JSONScalar, { description: 'What was at fault or checked: [{ subject, detail, source }]' })
  evidence!: unknown;
  @Field(() => BaselineCheckItemModel)
  checkItem!: BaselineCheckItemModel;
  @Field(() => HostModel)
  host!: HostModel;
  @Field()
  firstSeenAt!: Date;
  @Field()
  lastSeenAt!: Date;
  /** For field resolvers; not exposed. */
  hostId!: string;
  checkItemId!: string;
}
