import { CreateAttackPaths1764300000000 } from './1764300000000-create-attack-paths';

export const attackPathsMigrations = [CreateAttackPaths1764300000000];
