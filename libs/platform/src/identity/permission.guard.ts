import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasPermission, type Permission } from './identity';
import { REQUIRES_KEY, identityOf } from './requires.decorator';
import { ForbiddenError } from '../errors/rampart-error';

/**
 * Guards every resolver: the caller must carry a forwarded identity, and the resolver must name
 * the permission it needs with @Requires (on the method or its class). Unannotated means refused.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true; // health and metrics are plain HTTP
    const identity = identityOf(context);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!permission) throw new ForbiddenError('This operation is not available');
    if (!hasPermission(identity, permission)) throw new ForbiddenError(`Requires the ${permission} permission`);
    return true;
  }
}
