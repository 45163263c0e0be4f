import { CreateHosts1764300000000 } from './1764300000000-create-hosts';

export const baselineChecksMigrations = [CreateHosts1764300000000];
