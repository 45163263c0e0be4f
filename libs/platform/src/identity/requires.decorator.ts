import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Identity, Permission } from './identity';
import { UnauthenticatedError } from '../errors/rampart-error';

export const REQUIRES_KEY = 'rampart:requires';

/** The permission a resolver needs. A resolver without it is refused (deny by default). */
export const Requires = (permission: Permission) => SetMetadata(REQUIRES_KEY, permission);

export interface RequestContext {
  identity?: Identity;
  req?: { headers: Record<string, string | string[] | undefined> };
}

export function identityOf(context: ExecutionContext): Identity {
  const gql = GqlExecutionContext.create(context).getContext<RequestContext>();
  if (!gql.identity) throw new UnauthenticatedError();
  return gql.identity;
}

/** The verified caller of a GraphQL resolver. */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext) => identityOf(context));
