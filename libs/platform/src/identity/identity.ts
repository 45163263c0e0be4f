/** Who is calling, as the gateway established it and forwarded it to the subgraphs. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What an identity may do. API keys carry these as scopes; roles expand into them. */
export const PERMISSIONS = ['read', 'scan', 'fix', 'billing', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'scan'],
  admin: ['read', 'scan', 'fix', 'billing', 'admin'],
};

export interface Identity {
  subject: string;
  tenantId: string;
  roles: Role[];
  permissions: Permission[];
  /** How the caller proved itself at the gateway. */
  via: 'jwt' | 'api_key' | 'internal';
  apiKeyId?: string;
  /** When the credential stops being valid (ms since the epoch): a bearer token's `exp`; API keys have none. */
  expiresAt?: number;
}

export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** `admin` ⊇ `analyst` ⊇ `viewer`: the permissions a set of roles grants. */
export function permissionsOfRoles(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const permission of ROLE_PERMISSIONS[role]) granted.add(permission);
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

export function hasPermission(identity: Identity, permission: Permission): boolean {
  return identity.permissions.includes(permission) || identity.permissions.includes('admin');
}
