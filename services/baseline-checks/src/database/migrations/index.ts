import { CreateHosts1764300000000 } from './1764300000000-create-hosts';
import { CreateBaselineResults1764300000001 } from './1764300000001-create-baseline-results';

export const baselineChecksMigrations = [CreateHosts1764300000000, CreateBaselineResults1764300000001];
